import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect } from 'vitest';
import { setUpWasm } from './wasm-vs-cpu.js';

// In place of @resnet/model's and @resnet/trainer's own cpu setup (see vitest.config.ts): their
// suites run again on wasm with every kernel of ours.
await setUpWasm();

// Were the package's own setup to run after this one, its suite would pass on cpu unnoticed.
beforeAll(() => {
  expect(tf.getBackend()).toBe('wasm');
});
