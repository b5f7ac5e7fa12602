import { describe, expect, it } from 'vitest';
import { assembleWat, fuseMultiplyAdds, WASM_MODULES } from '../scripts/assemble-wat.mjs';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('our wasm modules', () => {
  it.each(Object.keys(WASM_MODULES) as Array<keyof typeof WASM_MODULES>)(
    '%s is its .wat as assembled now (after editing a .wat, run pnpm --filter @resnet/backend build:wasm)',
    async (name) => {
      const { shared, unshared, fused } = await assembleWat(name);
      type Builds = { shared: string; unshared: string };
      const generated = (await import(`./${WASM_MODULES[name].out.replace(/\.ts$/, '.js')}`)) as Record<string, Builds & { fused?: Builds }>;
      const committed = generated[`${name}Wasm`];
      expect(committed.shared).toBe(base64(shared));
      expect(committed.unshared).toBe(base64(unshared));
      expect(committed.fused === undefined).toBe(!WASM_MODULES[name].fused);
      if (fused !== undefined) {
        expect(committed.fused?.shared).toBe(base64(fused.shared));
        expect(committed.fused?.unshared).toBe(base64(fused.unshared));
      }
    },
  );

  it('fuses each multiply-add of locals into relaxed_madd, and nothing else', () => {
    const wat = [
      '(local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s) (local.get $b0))))',
      '(local.set $u0 (f32x4.add (local.get $u0) (f32x4.mul (f32x4.add (local.get $u4) (local.get $u8)) (local.get $half))))',
    ].join('\n');
    expect(fuseMultiplyAdds('gemm.wat', wat).split('\n')).toEqual([
      '(local.set $a0 (f32x4.relaxed_madd (local.get $s) (local.get $b0) (local.get $a0)))',
      '(local.set $u0 (f32x4.add (local.get $u0) (f32x4.mul (f32x4.add (local.get $u4) (local.get $u8)) (local.get $half))))',
    ]);
    expect(() => fuseMultiplyAdds('batch-norm.wat', '(f32x4.mul (local.get $s) (local.get $b0))')).toThrow(/batch-norm\.wat: expected multiply-adds/);
  });
});
