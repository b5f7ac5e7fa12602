// Copies a finished run of `resnet train` into a shipped model folder with its model card:
// model.json, weights.bin, config.json (flat, as `resnet eval --model DIR` reads it), report.json,
// plot.svg and README.md. Weights are stored as float16 (tfjs's float16 weight quantization, what
// tensorflowjs_converter --quantize_float16 writes; every tfjs loader reads it): half the download
// for the web app. report.json and the card's test figures are measured again on those weights with
// `resnet eval`; the rest comes from the run's files and run-info.json (the command, commit, machine
// and wall time that train-shipped-model.sh records, and an optional `note`).
//
//   node apps/cli/scripts/ship-model.mjs --run runs/airbench-recipe --out models/airbench-cifar10
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Float16Array } from '@petamoriken/float16';
import { writeDirAtomically } from '@resnet/data/node';
import { formatDuration } from '@resnet/trainer';

const { values: opts } = parseArgs({ options: { run: { type: 'string' }, out: { type: 'string' } } });
if (!opts.run || !opts.out) throw new Error('usage: ship-model.mjs --run <run directory> --out <model folder>');

const json = async (file) => JSON.parse(await readFile(join(opts.run, file), 'utf8'));
const [config, runReport, info, modelJson] = await Promise.all(
  ['config.json', 'report.json', 'run-info.json', join('model', 'model.json')].map(json),
);
const weights32 = await readFile(join(opts.run, 'model', 'weights.bin'));
const metrics = (await readFile(join(opts.run, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
const percent = (value, digits = 2) => `${(100 * value).toFixed(digits)}%`;
const meanRate = metrics.reduce((sum, m) => sum + m.imagesPerSecond, 0) / metrics.length;
const names = runReport.classNames;
// What each preset a model may ship as is, for the card's first lines.
const NETWORKS = {
  resnet20: { title: 'ResNet-20', what: "He et al.'s ResNet-20 with option A shortcuts" },
  'resnet9-half': { title: 'ResNet-9 (half width)', what: "Myrtle's ResNet-9 (Page 2018) at half width (`resnet9-half`)" },
  airbench: { title: 'airbench', what: "Keller Jordan's airbench94 network (2024; Page's ResNet-9 widened, without its residual blocks) as the `airbench` preset" },
};
const network = NETWORKS[config.model] ?? { title: config.model, what: `The \`${config.model}\` network` };
// Training updates neither BatchNorm's moving statistics nor the weights of a frozen layer (a whitening stem).
const weights = modelJson.weightsManifest.flatMap((group) => group.weights);
const frozen = new Set(modelJson.modelTopology.config.layers.filter((layer) => layer.config.trainable === false).map((layer) => layer.name));
const trainable = weights
  .filter((w) => !/moving_(mean|variance)$/.test(w.name) && !frozen.has(w.name.split('/')[0]))
  .reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1), 0);

// Every weight of a layers model is float32; weights.bin holds them in the manifest's order.
if (weights.some((w) => w.dtype !== 'float32' || w.quantization) || modelJson.weightsManifest.length !== 1) {
  throw new Error(`${join(opts.run, 'model', 'model.json')}: expected one weight group of plain float32 weights`);
}
const weights16 = new Uint8Array(new Float16Array(new Float32Array(weights32.buffer, weights32.byteOffset, weights32.length / 4)).buffer);
const modelJson16 = {
  ...modelJson,
  weightsManifest: [{ ...modelJson.weightsManifest[0], weights: weights.map((w) => ({ ...w, quantization: { dtype: 'float16', original_dtype: 'float32' } })) }],
};
const modelFiles = [
  ['model.json', JSON.stringify(modelJson16)],
  ['weights.bin', weights16],
  ['config.json', JSON.stringify(config, null, 2) + '\n'],
];

/** `resnet eval --flip-tta --json` on the model files as shipped (the test split config.json names). */
async function scoreShipped() {
  const scratch = await mkdtemp(join(tmpdir(), 'ship-model-'));
  try {
    await Promise.all(modelFiles.map(([name, data]) => writeFile(join(scratch, name), data)));
    const bin = new URL('../bin/resnet.js', import.meta.url);
    const stdout = execFileSync(process.execPath, [bin.pathname, 'eval', '--model', scratch, '--flip-tta', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    return JSON.parse(stdout.slice(stdout.indexOf('{')));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
const report = await scoreShipped();
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

const card = `# ${network.title} on CIFAR-10

${network.what}, ${trainable.toLocaleString('en-US')} trainable parameters, trained by this
repository's \`resnet train\` on a ${info.machine}, with no GPU and no native library.

**Test accuracy: ${percent(report.accuracy)}** on the full ${report.count.toLocaleString('en-US')}-image CIFAR-10 test set
(${percent(report.flipTta.accuracy)} averaging each image with its mirror, flip TTA), loss ${report.loss.toFixed(4)}.
Weights are stored as float16 (${mb(weights16.length)} instead of ${mb(weights32.length)}); these figures are
theirs. In float32, at the end of training, the model scored ${percent(runReport.accuracy)} (${percent(runReport.flipTta.accuracy)} with flip TTA).
The test set chose nothing: the run validated on the last ${config.valSplit.toLocaleString('en-US')} training
images (\`--val-split\`), which the model did not train on, and the recipe script says where its
settings come from.

| | |
|---|---|
| command | \`${info.command}\` |
| commit | ${info.commit} |
| machine | ${info.machine}; Node ${info.node}; backend ${info.backend} |
| wall time | ${formatDuration(info.wallSeconds)} (${info.wallSeconds} s), data loading, validation and the final report included${info.note ? `; ${info.note}` : ''} |
| training | ${metrics.length} epochs of ${(config.limit ?? 50000 - config.valSplit).toLocaleString('en-US')} images, ${meanRate.toFixed(1)} images/s on average |
| data | this repository's copy of CIFAR-10 (\`../shared/datasets/cifar-10/\`, rebuilt from JPEGs: pixels differ slightly from the official release) |

Training curves: [plot.svg](plot.svg). Per epoch (validation on the held-out images):

| epoch | loss | accuracy | val_loss | val_accuracy | lr | images/s |
|---:|---:|---:|---:|---:|---:|---:|
${metrics.map((m) => `| ${m.epoch + 1} | ${m.loss.toFixed(4)} | ${percent(m.accuracy, 1)} | ${m.val_loss.toFixed(4)} | ${percent(m.val_accuracy, 1)} | ${m.lr.toExponential(2)} | ${m.imagesPerSecond.toFixed(1)} |`).join('\n')}

## Accuracy per class (test set)

| class | accuracy | with flip TTA |
|---|---:|---:|
${names.map((name, c) => `| ${name} | ${percent(report.perClassAccuracy[c], 1)} | ${percent(report.flipTta.perClassAccuracy[c], 1)} |`).join('\n')}

## Confusion matrix (test set; rows: true class, columns: predicted)

| | ${names.join(' | ')} |
|---|${names.map(() => '---:').join('|')}|
${names.map((name, c) => `| **${name}** | ${report.confusionMatrix[c].join(' | ')} |`).join('\n')}

## Use

\`\`\`sh
pnpm --filter cli eval --model ${opts.out} --data ../shared/datasets/cifar-10/cifar-10-binary.tar.gz
pnpm --filter cli predict --model ${opts.out} cat.png
\`\`\`

The web app (\`apps/web\`) loads this model at start. In code: \`loadModel('.../model.json')\` from
\`@resnet/model\`, inputs 32x32 RGB normalized as \`config.json\` says (\`${config.normalization}\`),
outputs the probabilities of the ${names.length} classes in the order of \`classNames\`.

Intended for teaching, demos and as a baseline; 32x32 images of these ten classes only.
`;

// Readers (and a failure half-way) see the old folder or the whole new one.
await writeDirAtomically(opts.out, [
  ...modelFiles,
  ['report.json', JSON.stringify(report, null, 2) + '\n'],
  ['plot.svg', await readFile(join(opts.run, 'plot.svg'))],
  ['README.md', card],
]);
console.log(`wrote ${opts.out}: ${percent(report.accuracy)} test accuracy (${percent(report.flipTta.accuracy)} with flip TTA)`);
