import type { BlockKind, KernelInitializerName, NetworkSpec, ShortcutKind, StageEntry, StemKind } from './spec.js';
import { whiteningFilters } from './whitening.js';

const BLOCK_KINDS: readonly BlockKind[] = ['basic', 'preact', 'plain'];
const STEM_KINDS: readonly StemKind[] = ['conv', 'whitening'];
const HEAD_POOLING = ['average', 'max'] as const;
const SHORTCUT_KINDS: readonly ShortcutKind[] = ['projection', 'zero-pad'];
const STAGE_ENTRIES: readonly StageEntry[] = ['block', 'conv-pool'];
const KERNEL_INITIALIZERS: readonly KernelInitializerName[] = [
  'heNormal',
  'heUniform',
  'glorotNormal',
  'glorotUniform',
  'leCunNormal',
  'leCunUniform',
  'torchUniform',
];

/** Throws an Error naming the spec and the first offending field. */
export function validateSpec(spec: NetworkSpec): void {
  const fail = (field: string, expected: string, got: unknown): never => {
    throw new Error(`Invalid network spec "${spec.name}": ${field} must be ${expected}, got ${JSON.stringify(got)}`);
  };
  const positiveInt = (field: string, value: unknown, min = 1) => {
    if (!Number.isInteger(value) || (value as number) < min) fail(field, `an integer >= ${min}`, value);
  };
  const oneOf = (field: string, value: unknown, allowed: readonly string[]) => {
    if (!allowed.includes(value as string)) fail(field, `one of ${allowed.join(', ')}`, value);
  };
  const boolean = (field: string, value: unknown) => {
    if (typeof value !== 'boolean') fail(field, 'true or false', value);
  };
  // Specs also come from JSON files: check nested objects exist before reading their fields.
  const object = (field: string, value: unknown) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, 'an object', value);
  };

  if (typeof spec.name !== 'string' || spec.name.length === 0) fail('name', 'a non-empty string', spec.name);
  if (!Array.isArray(spec.inputShape) || spec.inputShape.length !== 3) {
    fail('inputShape', '[height, width, channels]', spec.inputShape);
  }
  spec.inputShape.forEach((size, i) => positiveInt(`inputShape[${i}]`, size));
  positiveInt('numClasses', spec.numClasses, 2);
  object('stem', spec.stem);
  positiveInt('stem.filters', spec.stem.filters);
  positiveInt('stem.kernelSize', spec.stem.kernelSize);
  positiveInt('stem.stride', spec.stem.stride);
  boolean('stem.batchNormRelu', spec.stem.batchNormRelu);
  if (spec.stem.kind !== undefined) oneOf('stem.kind', spec.stem.kind, STEM_KINDS);
  if (spec.stem.kind === 'whitening') {
    const filters = whiteningFilters(spec.stem.kernelSize, spec.inputShape[2]);
    if (spec.stem.filters !== filters) fail('stem.filters', `${filters} for a whitening stem (2 x kernelSize^2 x channels)`, spec.stem.filters);
    if (spec.stem.stride !== 1) fail('stem.stride', '1 for a whitening stem', spec.stem.stride);
    if (spec.stem.batchNormRelu) fail('stem.batchNormRelu', 'false for a whitening stem (it ends in a ReLU of its own)', spec.stem.batchNormRelu);
  }
  if (!Array.isArray(spec.stages) || spec.stages.length === 0) fail('stages', 'a non-empty array', spec.stages);
  spec.stages.forEach((stage, i) => {
    object(`stages[${i}]`, stage);
    positiveInt(`stages[${i}].filters`, stage.filters);
    if (stage.entry !== undefined) oneOf(`stages[${i}].entry`, stage.entry, STAGE_ENTRIES);
    positiveInt(`stages[${i}].blocks`, stage.blocks, stage.entry === 'conv-pool' ? 0 : 1);
    positiveInt(`stages[${i}].stride`, stage.stride);
  });
  oneOf('block', spec.block, BLOCK_KINDS);
  oneOf('shortcut', spec.shortcut, SHORTCUT_KINDS);
  oneOf('kernelInitializer', spec.kernelInitializer, KERNEL_INITIALIZERS);
  boolean('useBias', spec.useBias);
  if (spec.identityInit !== undefined) boolean('identityInit', spec.identityInit);
  if (!(spec.weightDecay >= 0 && Number.isFinite(spec.weightDecay))) {
    fail('weightDecay', 'a finite number >= 0', spec.weightDecay);
  }
  object('batchNorm', spec.batchNorm);
  if (!(spec.batchNorm.momentum >= 0 && spec.batchNorm.momentum < 1)) {
    fail('batchNorm.momentum', 'in [0, 1)', spec.batchNorm.momentum);
  }
  if (!(spec.batchNorm.epsilon > 0)) fail('batchNorm.epsilon', '> 0', spec.batchNorm.epsilon);
  object('head', spec.head);
  boolean('head.batchNormRelu', spec.head.batchNormRelu);
  if (spec.head.pooling !== undefined) oneOf('head.pooling', spec.head.pooling, HEAD_POOLING);
  const { logitScale } = spec.head;
  if (logitScale !== undefined && !(typeof logitScale === 'number' && logitScale > 0 && Number.isFinite(logitScale))) {
    fail('head.logitScale', 'a finite number > 0', logitScale);
  }
  if (spec.head.classifierBias !== undefined) boolean('head.classifierBias', spec.head.classifierBias);

  if (spec.shortcut === 'zero-pad') {
    // Option A can only add channels.
    let channels = spec.stem.filters;
    spec.stages.forEach((stage, i) => {
      if (stage.filters < channels) {
        fail(`stages[${i}].filters`, `>= the previous ${channels} with a zero-pad shortcut`, stage.filters);
      }
      channels = stage.filters;
    });
  }
}
