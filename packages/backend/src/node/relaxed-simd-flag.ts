import v8 from 'node:v8';
import { hasRelaxedSimd } from '../relaxed-simd.js';

/**
 * Node 20's V8 (11.3) has relaxed SIMD, complete, behind --experimental-wasm-relaxed-simd; V8
 * 11.4 (Node 22) turned it on. Sets the flag where it is needed, before our GEMM compiles, so
 * that its multiply-adds run as FMA instructions (1.1-1.4x on our convolutions here).
 */
export function enableRelaxedSimd(): void {
  if (!hasRelaxedSimd()) v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
}
