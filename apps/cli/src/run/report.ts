import { join } from 'node:path';
import type { EvaluationReport } from '@resnet/trainer';
import { writeFileAtomically } from '@resnet/trainer/node';

export const REPORT_FILE = 'report.json';

/** report.json: the evaluation, with per-class accuracy keyed by class name for people. */
export interface RunReport extends EvaluationReport {
  classNames: string[];
  perClass: Record<string, number>;
  flipTta: boolean;
}

export function toRunReport(evaluation: EvaluationReport, classNames: string[], flipTta: boolean): RunReport {
  const perClass = Object.fromEntries(classNames.map((name, c) => [name, evaluation.perClassAccuracy[c]]));
  return { ...evaluation, classNames, perClass, flipTta };
}

export async function writeReport(dir: string, report: RunReport): Promise<void> {
  await writeFileAtomically(join(dir, REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`);
}

/** Accuracy, then one line per class, as printed after training and by `eval`. */
export function formatReport(report: RunReport): string {
  const width = Math.max(...report.classNames.map((n) => n.length));
  return [
    `test accuracy: ${(100 * report.accuracy).toFixed(2)}% on ${report.count} images (loss ${report.loss.toFixed(4)})`,
    ...report.classNames.map((name, c) => `  ${name.padEnd(width)}  ${(100 * report.perClassAccuracy[c]).toFixed(1)}%`),
  ].join('\n');
}
