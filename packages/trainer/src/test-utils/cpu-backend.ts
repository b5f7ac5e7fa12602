import * as tf from '@tensorflow/tfjs';

// This package's suite runs on tfjs's cpu backend here; @resnet/backend's test config runs it
// again on wasm with our kernels, through its own setup file in place of this one.
await tf.setBackend('cpu');
