import type { BackendChoice, SkippedBackend } from '../protocol.js';

/** Best first: the order `auto` tries. */
export const AUTO_ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

export interface BackendChoiceResult {
  backend: string;
  skipped: SkippedBackend[];
}

/**
 * Tries backends in order and keeps the first that starts. `attempt` resolves to
 * `undefined` on success or to the reason the backend cannot run here.
 * An explicit choice that fails falls back to `cpu`, which always exists, so the page keeps working.
 */
export async function chooseBackend(
  choice: BackendChoice,
  attempt: (name: string) => Promise<string | undefined>,
): Promise<BackendChoiceResult> {
  const order = choice === 'auto' ? [...AUTO_ORDER] : [...new Set([choice, 'cpu'])];
  const skipped: SkippedBackend[] = [];
  for (const name of order) {
    let reason: string | undefined;
    try {
      reason = await attempt(name);
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
    if (reason === undefined) return { backend: name, skipped };
    skipped.push({ name, reason });
  }
  throw new Error(`no backend could start: ${skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}`);
}
