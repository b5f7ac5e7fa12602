import * as tf from '@tensorflow/tfjs';

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

export interface ZeroPadShortcutArgs extends LayerArgs {
  /** Spatial subsampling step (1 keeps every pixel). */
  stride: number;
  /** Output channels; the input's channels come first, the rest are zeros. */
  filters: number;
}

/**
 * He et al.'s parameter-free shortcut (option A): keep every `stride`-th pixel, starting at the
 * first as a 1x1 'same' conv with that stride would, and append zero channels.
 */
export class ZeroPadShortcut extends tf.layers.Layer {
  /** Keras's `package>Name` form, so it cannot clash with another package's layer. */
  static readonly className = 'resnet>ZeroPadShortcut';
  readonly stride: number;
  readonly filters: number;

  constructor(args: ZeroPadShortcutArgs) {
    super(args);
    if (!Number.isInteger(args.stride) || args.stride < 1) {
      throw new Error(`ZeroPadShortcut "${this.name}": stride must be a positive integer, got ${args.stride}`);
    }
    if (!Number.isInteger(args.filters) || args.filters < 1) {
      throw new Error(`ZeroPadShortcut "${this.name}": filters must be a positive integer, got ${args.filters}`);
    }
    this.stride = args.stride;
    this.filters = args.filters;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, height, width, channels] = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    if (channels != null && channels > this.filters) {
      throw new Error(
        `ZeroPadShortcut "${this.name}": input has ${channels} channels, more than the ${this.filters} output filters`,
      );
    }
    const down = (size: number | null) => (size == null ? null : Math.ceil(size / this.stride));
    return [batch, down(height), down(width), this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const [, , , channels] = x.shape;
      return tf.pad(this.subsample(x), [
        [0, 0],
        [0, 0],
        [0, 0],
        [0, this.filters - channels],
      ]);
    });
  }

  // Reshape + slice rather than stridedSlice: tfjs has no StridedSlice gradient. Everything stays
  // rank <= 4, because the gradient of a 6-D slice is a 6-D pad that WebGL cannot compile and
  // wasm slices beyond rank 4 on a slow generic path.
  private subsample(x: tf.Tensor4D): tf.Tensor4D {
    const s = this.stride;
    if (s === 1) return x;
    const [batch, height, width, channels] = x.shape;
    const outHeight = Math.ceil(height / s);
    const outWidth = Math.ceil(width / s);
    const padHeight = outHeight * s - height;
    const padWidth = outWidth * s - width;
    const whole =
      padHeight === 0 && padWidth === 0
        ? x
        : tf.pad(x, [
            [0, 0],
            [0, padHeight],
            [0, padWidth],
            [0, 0],
          ]);
    // Rows of `s` image rows each; within a row, pixels of `s` columns each: keep the first of both.
    return whole
      .reshape([batch * outHeight, s, outWidth, s * channels])
      .slice([0, 0, 0, 0], [batch * outHeight, 1, outWidth, channels])
      .reshape([batch, outHeight, outWidth, channels]);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), stride: this.stride, filters: this.filters };
  }
}
