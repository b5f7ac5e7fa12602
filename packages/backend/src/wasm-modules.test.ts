import { describe, expect, it } from 'vitest';
import { assembleWat, WASM_MODULES } from '../scripts/assemble-wat.mjs';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('our wasm modules', () => {
  it.each(Object.keys(WASM_MODULES) as Array<keyof typeof WASM_MODULES>)(
    '%s is its .wat as assembled now (after editing a .wat, run pnpm --filter @resnet/backend build:wasm)',
    async (name) => {
      const { shared, unshared } = await assembleWat(name);
      const generated = (await import(`./${WASM_MODULES[name].out.replace(/\.ts$/, '.js')}`)) as Record<string, { shared: string; unshared: string }>;
      expect(generated[`${name}Wasm`].shared).toBe(base64(shared));
      expect(generated[`${name}Wasm`].unshared).toBe(base64(unshared));
    },
  );
});
