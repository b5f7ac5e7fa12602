// A tfjs child's phase (tfjs-bench.mjs) as one figure.
import { failureReason } from './run-child.mjs';

/**
 * images/s of a phase from its finished steps, so that a capped run still reports what it
 * reached; `failed` when the child said so (a GPU error) or died.
 */
export function summarizePhase(run, batch, capSeconds) {
  const result = run.events.find((e) => e.kind === 'result');
  const failed = run.events.find((e) => e.kind === 'failed') ?? run.events.find((e) => e.kind === 'gpu-error');
  const stepsDone = run.events.filter((e) => e.kind === 'step');
  const peak = Math.max(0, ...run.events.map((e) => e.peak_rss_mb ?? 0));
  if (failed) return { failed: failed.reason ?? `GPU error: ${failed.message}`, peak };
  if (result) return { imgS: result.img_s, peak };
  if (!run.capped) return { failed: failureReason(run), peak };
  const timed = stepsDone.filter((e) => !e.warm);
  const counted = timed.length > 0 ? timed : stepsDone;
  const imgS = counted.length > 0 ? (counted.length * batch) / counted.reduce((s, e) => s + e.seconds, 0) : null;
  const note = counted.length > 0
    ? `capped at ${capSeconds} s after ${stepsDone.length} step(s)${timed.length > 0 ? '' : ', warm-up only'}`
    : `capped at ${capSeconds} s before its first step of ${batch} images finished`;
  return { imgS, peak, note };
}
