// Times 3x3 stride-1 convolution layers on wasm, ours against the direct ones we had before:
// the forward pass by Winograd's F(2x2, 3x3) (our Conv2D) against XNNPACK's direct convolution
// (the stock Conv2D), and the filter gradient by Winograd's transforms against our direct
// filter-gradient GEMM. The input gradient is a forward convolution of dy. GFLOP/s count a
// direct convolution's multiply-adds (2 each), so the speed-up shows as more GFLOP/s.
// Not a test: timings depend on the machine and its load.
//
//   pnpm build
//   node packages/backend/scripts/conv-layer-bench.mjs [--batch 256] [--threads 1] [--repeats 3]
//        [--layers 31x24x64,15x64x64,15x64x256,7x256x256,3x256x256]   (size x in x out: airbench's)
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { setupNodeBackend } from '../dist/node/index.js';
import { nhwcConvInfo } from '../dist/kernel-utils/conv-info.js';
import { capturedStockKernel } from '../dist/stock-kernels.js';
import { filterGradient } from '../dist/wasm-gemm/filter-gradient.js';
import { winogradFilterGradient } from '../dist/wasm-gemm/winograd-conv.js';
import { heapOffset } from '../dist/wasm-heap.js';

const { values: opts } = parseArgs({
  options: {
    batch: { type: 'string', default: '256' },
    threads: { type: 'string', default: '1' },
    repeats: { type: 'string', default: '3' },
    layers: { type: 'string', default: '31x24x64,15x64x64,15x64x256,7x256x256,3x256x256' },
  },
});
const batch = Number(opts.batch);

await setupNodeBackend('wasm', { threads: Number(opts.threads) });
const backend = tf.backend();

/** The best of --repeats timed calls of f, after one untimed. */
function best(f) {
  f();
  let ms = Infinity;
  for (let r = 0; r < Number(opts.repeats); r++) {
    const start = performance.now();
    f();
    ms = Math.min(ms, performance.now() - start);
  }
  return ms;
}

console.log(`batch=${batch} threads=${opts.threads} backend=${tf.getBackend()}`);
for (const layer of opts.layers.split(',')) {
  const [size, cin, cout] = layer.split('x').map(Number);
  const x = tf.randomNormal([batch, size, size, cin]);
  const filter = tf.randomNormal([3, 3, cin, cout]);
  const dy = tf.randomNormal([batch, size, size, cout]);
  const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC', dilations: 1 };
  const stockConv = () => {
    const out = capturedStockKernel('Conv2D', 'wasm').kernelFunc({ inputs: { x, filter }, backend, attrs });
    backend.disposeData(out.dataId);
  };
  const ourConv = () => tf.conv2d(x, filter, 1, 'same').dispose();
  const info = nhwcConvInfo('Conv2DBackpropFilter', x.shape, filter.shape, attrs);
  // Byte offsets in tfjs's heap, where our GEMM reads x and dy and writes dW.
  const dW = tf.zeros(filter.shape);
  const [xAt, dyAt, dWAt] = [x, dy, dW].map((t) => heapOffset(backend, t));
  const gflop = (2 * batch * size * size * 9 * cin * cout) / 1e9;
  const row = (name, ms) => `${name} ${ms.toFixed(0).padStart(6)} ms ${(gflop / (ms / 1000)).toFixed(1).padStart(6)} GFLOP/s`;
  const [convBefore, convAfter] = [best(stockConv), best(ourConv)];
  const [gradBefore, gradAfter] = [best(() => filterGradient(xAt, dyAt, info, dWAt)), best(() => winogradFilterGradient(xAt, dyAt, info, dWAt))];
  console.log(`${size}x${size} ${cin}->${cout}:`);
  console.log(`  forward:  ${row('XNNPACK', convBefore)} | ${row('Winograd', convAfter)} | x${(convBefore / convAfter).toFixed(2)}`);
  console.log(`  filter gradient: ${row('GEMM', gradBefore)} | ${row('Winograd', gradAfter)} | x${(gradBefore / gradAfter).toFixed(2)}`);
  tf.dispose([x, filter, dy, dW]);
}
