import { join } from 'node:path';
import { writeFileAtomically } from '@resnet/data/node';
import { evaluate, RUN_FILES, type BatchSource, type EvaluationReport } from '@resnet/trainer';
import type * as tf from '@tensorflow/tfjs';

/** report.json: the plain evaluation, per-class accuracy keyed by class name for people, and the flip-TTA one when asked for. */
export interface RunReport extends EvaluationReport {
  classNames: string[];
  perClass: Record<string, number>;
  /** Each image averaged with its mirror; null when not asked for. */
  flipTta: EvaluationReport | null;
}

/** Scores the model on the test images, also with flip TTA when `flipTta`. */
export async function scoreOnTest(model: tf.LayersModel, test: BatchSource, classNames: string[], flipTta: boolean): Promise<RunReport> {
  const plain = await evaluate(model, test);
  const perClass = Object.fromEntries(classNames.map((name, c) => [name, plain.perClassAccuracy[c]]));
  return { ...plain, classNames, perClass, flipTta: flipTta ? await evaluate(model, test, { flipTta: true }) : null };
}

export async function writeReport(dir: string, report: RunReport): Promise<void> {
  await writeFileAtomically(join(dir, RUN_FILES.report), `${JSON.stringify(report, null, 2)}\n`);
}

const percent = (value: number, digits: number) => `${(100 * value).toFixed(digits)}%`;
// A class with no test images has no accuracy (NaN): say so rather than print "NaN%".
const classAccuracy = (value: number) => (Number.isNaN(value) ? '-  (no test images)' : percent(value, 1));

/** Accuracy (and flip TTA's), then one line per class, as printed after training and by `eval`. */
export function formatReport(report: RunReport): string {
  const width = Math.max(...report.classNames.map((n) => n.length));
  const tta = report.flipTta ? `; with flip TTA ${percent(report.flipTta.accuracy, 2)}` : '';
  return [
    `test accuracy: ${percent(report.accuracy, 2)} on ${report.count} images (loss ${report.loss.toFixed(4)})${tta}`,
    ...report.classNames.map((name, c) => `  ${name.padEnd(width)}  ${classAccuracy(report.perClassAccuracy[c])}`),
  ].join('\n');
}
