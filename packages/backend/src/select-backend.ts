import { describeSelection, type BackendSelection } from './backend-selection.js';
import { BackendUnavailableError } from './backend-unavailable-error.js';
import { useTrainingGradients } from './training-gradients.js';

/** What a started backend reports besides its name. */
export type StartedBackend = Omit<BackendSelection, 'backend' | 'skipped'>;

/** One backend a platform can start, in the order `auto` tries them. */
export interface BackendCandidate<Name extends string = string> {
  readonly name: Name;
  /** The backend name tfjs knows it by, when it differs (tensorflow-gpu runs as `tensorflow`). */
  readonly tfjsName?: string;
  /** Whether `trainingGradients` do less work than tfjs's own gradients on this backend. */
  readonly trainingGradients: boolean;
  /**
   * Starts the backend, or throws why it cannot run here. `named` is true when the user
   * asked for it by name, false when `auto` tries it (auto passes over slow software GPUs).
   */
  start(named: boolean): Promise<StartedBackend>;
}

export interface SelectBackendOptions {
  /** Receives one line per backend tried. */
  log?: (line: string) => void;
  /**
   * Our faster gradients, registered where they help (`candidate.trainingGradients`).
   * Default true; false keeps tfjs's own everywhere.
   */
  trainingGradients?: boolean;
}

/**
 * The one backend-selection rule, for Node and browsers alike. `auto` takes the first
 * candidate that starts, recording why each one before it was skipped. A backend named
 * by the user must start or the call throws with the reason: falling back silently to a
 * backend tens of times slower would hide the failure the user needs to fix.
 */
export async function selectBackend<Name extends string>(
  choice: Name | 'auto',
  candidates: readonly BackendCandidate<Name>[],
  options: SelectBackendOptions = {},
): Promise<BackendSelection> {
  const log = options.log ?? (() => undefined);
  const names = candidates.map((c) => c.name);
  const named = choice !== 'auto';
  if (named && !names.includes(choice)) {
    throw new Error(`backend: expected one of auto, ${names.join(', ')}, got '${String(choice)}'`);
  }
  const skipped: BackendSelection['skipped'] = [];
  for (const candidate of named ? candidates.filter((c) => c.name === choice) : candidates) {
    let started: StartedBackend;
    try {
      started = await candidate.start(named);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (named) throw new BackendUnavailableError(`backend '${candidate.name}' is unavailable: ${reason}`, { cause: error });
      log(`backend: skipped ${candidate.name}: ${reason}`);
      skipped.push({ name: candidate.name, reason });
      continue;
    }
    useTrainingGradients((options.trainingGradients ?? true) && candidate.trainingGradients);
    const selection: BackendSelection = { backend: candidate.tfjsName ?? candidate.name, ...started, skipped };
    log(`backend: ${describeSelection(selection)}`);
    return selection;
  }
  throw new BackendUnavailableError(`no backend could start: ${skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}`);
}

