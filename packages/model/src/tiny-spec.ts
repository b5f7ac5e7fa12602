import { getPreset } from './presets.js';
import type { NetworkSpec } from './spec.js';

/**
 * The `tiny` preset on 8x8 RGB images (one block per stage, the second with a stride-2
 * zero-pad shortcut): about 1,400 parameters, fast enough for any unit test. Override any
 * field, e.g. `tinySpec({ shortcut: 'projection' })`.
 */
export function tinySpec(overrides: Partial<NetworkSpec> = {}): NetworkSpec {
  return { ...getPreset('tiny'), inputShape: [8, 8, 3], ...overrides };
}
