// Copies a finished run of `resnet train` into a shipped model folder with its model card:
// model.json, weights.bin, config.json (flat, as `resnet eval --model DIR` reads it), report.json,
// plot.svg and README.md. The card is written from the run's own files and run-info.json (the
// command, commit, machine and wall time that train-resnet20.sh records, and an optional `note`).
//
//   node apps/cli/scripts/ship-model.mjs --run runs/resnet20-recipe --out models/resnet20-cifar10
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeDirAtomically } from '@resnet/data/node';
import { formatDuration } from '@resnet/trainer';

const { values: opts } = parseArgs({ options: { run: { type: 'string' }, out: { type: 'string' } } });
if (!opts.run || !opts.out) throw new Error('usage: ship-model.mjs --run <run directory> --out <model folder>');

const json = async (file) => JSON.parse(await readFile(join(opts.run, file), 'utf8'));
const [config, report, info] = await Promise.all([json('config.json'), json('report.json'), json('run-info.json')]);
const metrics = (await readFile(join(opts.run, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
const percent = (value, digits = 2) => `${(100 * value).toFixed(digits)}%`;
const meanRate = metrics.reduce((sum, m) => sum + m.imagesPerSecond, 0) / metrics.length;
const names = report.classNames;

const card = `# ResNet-20 on CIFAR-10

He et al.'s ResNet-20 (option A shortcuts, 269,722 trainable parameters), trained by this
repository's \`resnet train\` on a ${info.machine}, with no GPU and no native library.

**Test accuracy: ${percent(report.accuracy)}** on the full ${report.count.toLocaleString('en-US')}-image CIFAR-10 test set
(${percent(report.flipTta.accuracy)} averaging each image with its mirror, flip TTA), loss ${report.loss.toFixed(4)}.
The test set was used once, for this report: the recipe was tuned on the last ${config.valSplit.toLocaleString('en-US')}
training images (\`--val-split\`), which the model did not train on.

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
pnpm --filter cli eval --model models/resnet20-cifar10 --data ../shared/datasets/cifar-10/cifar-10-binary.tar.gz
pnpm --filter cli predict --model models/resnet20-cifar10 cat.png
\`\`\`

The web app (\`apps/web\`) loads this model at start. In code: \`loadModel('.../model.json')\` from
\`@resnet/model\`, inputs 32x32 RGB normalized as \`config.json\` says (\`${config.normalization}\`),
outputs the probabilities of the ${names.length} classes in the order of \`classNames\`.

Intended for teaching, demos and as a baseline; 32x32 images of these ten classes only.
`;

// Readers (and a failure half-way) see the old folder or the whole new one.
const copies = [...['model.json', 'weights.bin'].map((file) => join('model', file)), 'config.json', 'report.json', 'plot.svg'];
await writeDirAtomically(opts.out, [
  ...(await Promise.all(copies.map(async (path) => [basename(path), await readFile(join(opts.run, path))]))),
  ['README.md', card],
]);
console.log(`wrote ${opts.out}: ${percent(report.accuracy)} test accuracy (${percent(report.flipTta.accuracy)} with flip TTA)`);
