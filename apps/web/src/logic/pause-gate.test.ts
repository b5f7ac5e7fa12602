import { describe, expect, it } from 'vitest';
import { PauseGate } from './pause-gate.js';

describe('PauseGate', () => {
  it('lets the loop through while running', async () => {
    const gate = new PauseGate();
    await expect(gate.wait()).resolves.toBeUndefined();
  });

  it('holds the loop while paused and releases it on resume', async () => {
    const gate = new PauseGate();
    gate.pause();
    let released = false;
    const waiting = gate.wait().then(() => {
      released = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(released).toBe(false);
    gate.resume();
    await waiting;
    expect(released).toBe(true);
    expect(gate.isPaused).toBe(false);
  });
});
