/** What the page knows about itself; every control's enabled state follows from it. */
export interface PageState {
  backendReady: boolean;
  dataReady: boolean;
  modelReady: boolean;
  run: 'idle' | 'loading' | 'training' | 'paused' | 'stopping';
}

export type Control =
  | 'backend'
  | 'preset'
  | 'loadData'
  | 'start'
  | 'pause'
  | 'resume'
  | 'stop'
  | 'loadModel'
  | 'classify'
  | 'save';

export const INITIAL_STATE: PageState = { backendReady: false, dataReady: false, modelReady: false, run: 'idle' };

/** Which controls a visitor may use in a state. Busy states lock everything that would race the worker. */
export function enabledControls(state: PageState): Record<Control, boolean> {
  const idle = state.run === 'idle' && state.backendReady;
  const running = state.run === 'training' || state.run === 'paused';
  return {
    backend: idle,
    preset: idle,
    loadData: idle,
    start: idle && state.dataReady,
    pause: state.run === 'training',
    resume: state.run === 'paused',
    stop: running,
    loadModel: idle,
    classify: idle && state.modelReady,
    save: idle && state.modelReady,
  };
}
