import type { BackendSelection, SkippedBackend } from './backend-selection.js';

/** Starts one backend; resolves to `undefined` on success or to why it cannot run here. */
export type BackendAttempt = (name: string) => Promise<string | undefined>;

/** Tries `order` in turn and keeps the first backend that starts; a throw counts as a reason. */
export async function tryBackends(order: readonly string[], attempt: BackendAttempt): Promise<BackendSelection> {
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
