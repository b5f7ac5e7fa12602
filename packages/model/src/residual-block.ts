import * as tf from '@tensorflow/tfjs';
import { applyLayer as apply, createLayerFactory, type LayerFactory, type LayerSettings } from './layers.js';
import type { BlockKind, ShortcutKind } from './spec.js';
import { ZeroPadShortcut } from './zero-pad-shortcut.js';

export interface ResidualBlockOptions extends LayerSettings {
  /** Prefix of every layer name in the block, e.g. `stage2_block1`. */
  name: string;
  kind: BlockKind;
  filters: number;
  stride: number;
  /** Used only when stride or channels change; otherwise the shortcut is the identity. */
  shortcut: ShortcutKind;
}

type Block = (input: tf.SymbolicTensor, options: ResidualBlockOptions, layers: LayerFactory) => tf.SymbolicTensor;

function channelsOf(x: tf.SymbolicTensor): number {
  return x.shape[x.shape.length - 1] as number;
}

/**
 * The shortcut branch. `projected` is what a projection reads: the block input for basic
 * blocks, the pre-activated input for pre-activation blocks (He et al. 2016).
 */
function shortcut(
  input: tf.SymbolicTensor,
  projected: tf.SymbolicTensor,
  options: ResidualBlockOptions,
  layers: LayerFactory,
): tf.SymbolicTensor {
  const { name, filters, stride, kind } = options;
  if (stride === 1 && channelsOf(input) === filters) return input;
  if (options.shortcut === 'zero-pad') {
    return apply(new ZeroPadShortcut({ name: `${name}_shortcut_pad`, stride, filters }), input);
  }
  const conv = apply(layers.conv(`${name}_shortcut_conv`, filters, 1, stride), projected);
  return kind === 'basic' ? apply(layers.batchNorm(`${name}_shortcut_bn`), conv) : conv;
}

const basic: Block = (input, options, layers) => {
  const { name, filters, stride } = options;
  let x = apply(layers.conv(`${name}_conv1`, filters, 3, stride), input);
  x = apply(layers.batchNorm(`${name}_bn1`), x);
  x = apply(layers.relu(`${name}_relu1`), x);
  x = apply(layers.conv(`${name}_conv2`, filters, 3, 1), x);
  x = apply(layers.batchNorm(`${name}_bn2`), x);
  const sum = apply(tf.layers.add({ name: `${name}_add` }), [x, shortcut(input, input, options, layers)]);
  return apply(layers.relu(`${name}_out`), sum);
};

const preact: Block = (input, options, layers) => {
  const { name, filters, stride } = options;
  let x = apply(layers.batchNorm(`${name}_bn1`), input);
  const activated = apply(layers.relu(`${name}_relu1`), x);
  x = apply(layers.conv(`${name}_conv1`, filters, 3, stride), activated);
  x = apply(layers.batchNorm(`${name}_bn2`), x);
  x = apply(layers.relu(`${name}_relu2`), x);
  x = apply(layers.conv(`${name}_conv2`, filters, 3, 1), x);
  return apply(tf.layers.add({ name: `${name}_add` }), [x, shortcut(input, activated, options, layers)]);
};

// No shortcut: what airbench keeps of Page's ResNet-9 after its second conv of a group.
const plain: Block = (input, options, layers) => {
  const { name, filters, stride } = options;
  const x = apply(layers.conv(`${name}_conv1`, filters, 3, stride), input);
  return apply(layers.relu(`${name}_relu1`), apply(layers.batchNorm(`${name}_bn1`), x));
};

const BLOCKS: Record<BlockKind, Block> = { basic, preact, plain };

/**
 * One block for the layers API: two 3x3 convs on the main path, added to an identity,
 * projection (option B) or zero-pad (option A) shortcut; or, for `plain`, one conv-BN-ReLU.
 */
export function residualBlock(input: tf.SymbolicTensor, options: ResidualBlockOptions): tf.SymbolicTensor {
  return BLOCKS[options.kind](input, options, createLayerFactory(options));
}
