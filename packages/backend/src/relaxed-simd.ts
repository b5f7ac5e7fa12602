/** A module of one function, v128 -> f32x4.relaxed_madd(v, v, v): valid where relaxed SIMD is. */
const RELAXED_MADD_MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7b, 0x01, 0x7b, 0x03, 0x02, 0x01, 0x00,
  0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x00, 0x20, 0x00, 0xfd, 0x85, 0x02, 0x0b,
]);

/**
 * Whether this engine compiles relaxed SIMD (Chrome 114+, Firefox 120+, Node 22+; Node 20 once
 * `@resnet/backend/node` sets its flag), whose f32x4.relaxed_madd is one FMA instruction where
 * the CPU has one, two roundings' worth of mul and add otherwise.
 */
export function hasRelaxedSimd(): boolean {
  return WebAssembly.validate(RELAXED_MADD_MODULE);
}
