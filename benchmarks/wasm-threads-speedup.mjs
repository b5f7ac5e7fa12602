// Speed-up of XNNPACK's pool on the threaded wasm build: one process, rounds that alternate
// 1 thread and N threads (fair under a load that changes), timing a batch-64 forward and
// gradient of the seed network's 64- and 128-filter 3x3 convolutions, and a training step.
//
//   node benchmarks/wasm-threads-speedup.mjs [--rounds 3]
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadWorkspace } from './workspace.mjs';

const { values: opts } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
const threads = Math.min(os.availableParallelism(), 8);
const { tf, backend, model: models } = await loadWorkspace();
await backend.setupNodeBackend('wasm', { threads });
// The pool can be resized in place: the count was capped when the module started.
const pool = tf.backend().wasm.tfjs;

const x = tf.randomUniform([64, 32, 32, 64], 0, 1, 'float32', 1);
const w1 = tf.randomNormal([3, 3, 64, 64], 0, 0.05, 'float32', 2);
const w2 = tf.randomNormal([3, 3, 64, 128], 0, 0.05, 'float32', 3);
const convGrads = tf.valueAndGrads((input, a, b) =>
  tf.mean(tf.conv2d(tf.relu(tf.conv2d(input, a, 1, 'same')), b, 2, 'same')));
const model = models.buildModel('simple', { seed: 1 });
model.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy' });
const xs = tf.randomUniform([64, 32, 32, 3], 0, 1, 'float32', 4);
const ys = tf.floor(tf.randomUniform([64], 0, 10, 'float32', 5));

const cases = {
  'conv fwd+grad': async () => {
    const { value, grads } = convGrads([x, w1, w2]);
    await value.data();
    tf.dispose([value, ...grads]);
  },
  'simple train step': () => model.trainOnBatch(xs, ys),
};

async function time(run) {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  await run();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpuPerWall: (cpu.user + cpu.system) / 1000 / wall };
}

for (const [name, run] of Object.entries(cases)) {
  await run();
  const walls = { 1: [], [threads]: [] };
  for (let round = 0; round < Number(opts.rounds); round++) {
    for (const n of [1, threads]) {
      pool.initWithThreadsCount(n);
      const { wall, cpuPerWall } = await time(run);
      walls[n].push(wall);
      console.log(`${name}: ${n} thread(s) ${wall.toFixed(0)} ms, cpu/wall ${cpuPerWall.toFixed(2)}`);
    }
  }
  const best = (list) => Math.min(...list);
  console.log(`${name}: best ${best(walls[1]).toFixed(0)} ms on 1 thread, ${best(walls[threads]).toFixed(0)} ms on ${threads}: ` +
    `${(best(walls[1]) / best(walls[threads])).toFixed(2)}x`);
}
