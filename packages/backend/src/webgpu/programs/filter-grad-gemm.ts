import type { backend_util } from '@tensorflow/tfjs';
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import type { ProgramUniforms } from '../multi-output-program.js';

/** Threads per workgroup side: 16 x 16 threads, each summing RM x RN outputs. */
const SIDE = 16;
/** Positions per step of the reduction, staged in workgroup memory. */
const TK = 16;
/** Workgroups worth filling a large GPU with; more splits of the positions add partial sums to add up. */
const TARGET_WORKGROUPS = 1024;
/** Fewest positions a split runs over, so a workgroup's steps outweigh its start and its write. */
const MIN_SPLIT = 256;

export interface FilterGradTiling {
  /** Outputs per thread along the filter's rows (fh, fw, ci) and along its output channels. */
  rm: 1 | 2 | 4;
  rn: 1 | 2 | 4;
  /** The positions (n, oh, ow) split into `splits` runs of `chunk`, each a partial sum. */
  splits: number;
  chunk: number;
}

const perThread = (size: number): 1 | 2 | 4 => (size > 2 * SIDE ? 4 : size > SIDE ? 2 : 1);

/** Tile sizes that waste little on narrow layers, and enough splits of the positions to fill the GPU. */
export function filterGradTiling(rows: number, outChannels: number, positions: number): FilterGradTiling {
  const rm = perThread(rows);
  const rn = perThread(outChannels);
  const tiles = Math.ceil(rows / (SIDE * rm)) * Math.ceil(outChannels / (SIDE * rn));
  const wanted = Math.ceil((positions * tiles) / TARGET_WORKGROUPS);
  const chunk = Math.ceil(Math.max(MIN_SPLIT, wanted) / TK) * TK;
  return { rm, rn, splits: Math.ceil(positions / chunk), chunk };
}

/**
 * dW[r, co] = sum over positions p of x~[p, r] dy[p, co], a GEMM over the filter's rows
 * r = (fh, fw, ci) and output channels co, reading NHWC x and dy where they lie (x~ is the
 * im2col matrix, never built). Workgroup (i, j, s) sums positions [s chunk, (s + 1) chunk)
 * into the tile of rows i and channels j of split s of the output [splits, rows, outChannels].
 * The positions are those x, strides and padding imply; a larger dy is read in its top-left
 * part, as tfjs does.
 */
export function filterGradGemmProgram(info: backend_util.Conv2DInfo, tiling: FilterGradTiling): WebGPUProgram {
  const { rm, rn, splits } = tiling;
  const tm = SIDE * rm;
  const tn = SIDE * rn;
  const rows = info.filterHeight * info.filterWidth * info.inChannels;
  const outputShape = splits === 1 ? info.filterShape : [splits, rows, info.outChannels];
  return {
    variableNames: ['x', 'dy'],
    uniforms:
      'outHeight : i32, outWidth : i32, filterWidth : i32, strideHeight : i32, strideWidth : i32, padTop : i32, padLeft : i32, rows : i32, positions : i32, chunk : i32,',
    outputShape,
    shaderKey: `resnetFilterGradGemm_${rm}_${rn}`,
    dispatchLayout: { x: [outputShape.length - 1], y: [outputShape.length - 2], z: [0] },
    dispatch: [Math.ceil(info.outChannels / tn), Math.ceil(rows / tm), splits],
    workgroupSize: [SIDE, SIDE, 1],
    getUserCode: () => gemmSource(rm, rn),
  };
}

export function filterGradGemmUniforms(info: backend_util.Conv2DInfo, tiling: FilterGradTiling): ProgramUniforms {
  const positions = info.batchSize * info.outHeight * info.outWidth;
  const ints = [
    info.outHeight,
    info.outWidth,
    info.filterWidth,
    info.strideHeight,
    info.strideWidth,
    info.padInfo.top,
    info.padInfo.left,
    info.filterHeight * info.filterWidth * info.inChannels,
    positions,
    tiling.chunk,
  ];
  return ints.map((value) => ({ type: 'int32', data: [value] }));
}

function gemmSource(rm: number, rn: number): string {
  const tm = SIDE * rm;
  const tn = SIDE * rn;
  const threads = SIDE * SIDE;
  const each = (count: number, line: (i: number) => string) => Array.from({ length: count }, (_, i) => line(i)).join('\n');
  const pairs = (line: (i: number, j: number) => string) => each(rm, (i) => each(rn, (j) => line(i, j)));
  return `
  var<workgroup> tileX : array<f32, ${TK * tm}>;
  var<workgroup> tileDy : array<f32, ${TK * tn}>;
  // Where each staged position's receptive field starts in x, and its row of dy; rowTop and
  // rowDy are far negative past the split's end.
  var<workgroup> rowImage : array<i32, ${TK}>;
  var<workgroup> rowTop : array<i32, ${TK}>;
  var<workgroup> rowLeft : array<i32, ${TK}>;
  var<workgroup> rowDy : array<i32, ${TK}>;

  fn main() {
    let tx = i32(localId.x);
    let ty = i32(localId.y);
    let local = ty * ${SIDE} + tx;
    let inH = uniforms.xShape.y;
    let inW = uniforms.xShape.z;
    let inC = uniforms.xShape.w;
    let outW = uniforms.outWidth;
    let outHW = uniforms.outHeight * outW;
    let outC = uniforms.dyShape.w;
    let split = i32(workgroupId.z);
    let pBegin = split * uniforms.chunk;
    let pEnd = min(pBegin + uniforms.chunk, uniforms.positions);
    let row0 = i32(workgroupId.y) * ${tm};
    let col0 = i32(workgroupId.x) * ${tn};

    // The filter row this thread stages is the same at every step (${tm} divides ${threads}).
    let r = row0 + local % ${tm};
    let tapSize = uniforms.filterWidth * inC;
    let fh = r / tapSize;
    let fw = (r - fh * tapSize) / inC;
    let ci = r - fh * tapSize - fw * inC;
    let rowInside = r < uniforms.rows;
    let co = col0 + local % ${tn};
    let colInside = co < outC;

    ${pairs((i, j) => `var acc${i}_${j} = 0.0;`)}
    // As many steps in every split (a bound that is uniform, as barriers need); the last split's extra ones add zeros.
    for (var step = 0; step < uniforms.chunk; step = step + ${TK}) {
      let p0 = pBegin + step;
      if (local < ${TK}) {
        let p = p0 + local;
        let image = p / outHW;
        let oh = (p - image * outHW) / outW;
        let ow = p - image * outHW - oh * outW;
        rowImage[local] = image * inH;
        rowTop[local] = select(-0x40000000, oh * uniforms.strideHeight - uniforms.padTop, p < pEnd);
        rowLeft[local] = ow * uniforms.strideWidth - uniforms.padLeft;
        rowDy[local] = select(-0x40000000, (image * uniforms.dyShape.y + oh) * uniforms.dyShape.z + ow, p < pEnd);
      }
      workgroupBarrier();
      for (var e = local; e < ${TK * tm}; e = e + ${threads}) {
        let k = e / ${tm};
        let ih = rowTop[k] + fh;
        let iw = rowLeft[k] + fw;
        var value = 0.0;
        if (rowInside && ih >= 0 && ih < inH && iw >= 0 && iw < inW) {
          value = x[((rowImage[k] + ih) * inW + iw) * inC + ci];
        }
        tileX[e] = value;
      }
      for (var e = local; e < ${TK * tn}; e = e + ${threads}) {
        let dyRow = rowDy[e / ${tn}];
        var value = 0.0;
        if (colInside && dyRow >= 0) {
          value = dy[dyRow * outC + co];
        }
        tileDy[e] = value;
      }
      workgroupBarrier();
      for (var k = 0; k < ${TK}; k = k + 1) {
        ${each(rm, (i) => `let a${i} = tileX[k * ${tm} + ty + ${SIDE * i}];`)}
        ${each(rn, (j) => `let b${j} = tileDy[k * ${tn} + tx + ${SIDE * j}];`)}
        ${pairs((i, j) => `acc${i}_${j} = fma(a${i}, b${j}, acc${i}_${j});`)}
      }
      workgroupBarrier();
    }
    ${pairs(
      (i, j) => `
    if (row0 + ty + ${SIDE * i} < uniforms.rows && col0 + tx + ${SIDE * j} < outC) {
      result[(split * uniforms.rows + row0 + ty + ${SIDE * i}) * outC + col0 + tx + ${SIDE * j}] = acc${i}_${j};
    }`,
    )}
  }
  `;
}
