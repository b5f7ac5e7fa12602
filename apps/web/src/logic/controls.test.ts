import { describe, expect, it } from 'vitest';
import { enabledControls, INITIAL_STATE, type PageState } from './controls.js';

const ready: PageState = { backendReady: true, dataReady: true, modelReady: true, run: 'idle' };

describe('enabledControls', () => {
  it('locks everything until a backend is ready', () => {
    const controls = enabledControls(INITIAL_STATE);
    expect(Object.values(controls).every((enabled) => !enabled)).toBe(true);
  });

  it('allows starting only once data is loaded', () => {
    expect(enabledControls({ ...ready, dataReady: false }).start).toBe(false);
    expect(enabledControls(ready).start).toBe(true);
  });

  it('offers pause and stop while training, and resume only while paused', () => {
    const training = enabledControls({ ...ready, run: 'training' });
    expect([training.pause, training.stop, training.resume, training.start]).toEqual([true, true, false, false]);
    const paused = enabledControls({ ...ready, run: 'paused' });
    expect([paused.pause, paused.stop, paused.resume]).toEqual([false, true, true]);
  });

  it('keeps model and data actions off while the worker is busy', () => {
    for (const run of ['loading', 'training', 'paused', 'stopping'] as const) {
      const controls = enabledControls({ ...ready, run });
      expect([controls.loadData, controls.loadModel, controls.classify, controls.save, controls.backend]).toEqual([
        false,
        false,
        false,
        false,
        false,
      ]);
    }
  });

  it('needs a model to classify or save', () => {
    const controls = enabledControls({ ...ready, modelReady: false });
    expect([controls.classify, controls.save]).toEqual([false, false]);
  });
});
