/** Messages between the page (main thread) and the training worker. */

import type { BackendSelection, BrowserBackendChoice } from '@resnet/backend';
import type { RgbImage } from '@resnet/data';

export interface TrainSettings {
  preset: string;
  /** Overrides the preset's shortcut: He et al.'s option A (zero-pad) or B (projection). */
  shortcut?: 'zero-pad' | 'projection';
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** The page's checkbox: crops and flips with `AUGMENT_DEFAULTS`, or none. */
  augment: boolean;
}

/** Where a model comes from: a URL served by the app, or files the visitor chose. */
export type ModelSource = { kind: 'url'; url: string } | { kind: 'files'; files: File[]; config: File };

/** An image the visitor chose, decoded at its own size. */
export interface NamedRgbImage extends RgbImage {
  name: string;
}

export type PageRequest =
  | { type: 'set-backend'; choice: BrowserBackendChoice }
  | { type: 'load-data'; url: string; trainSize: number; testSize: number; gridSize: number }
  | { type: 'train'; settings: TrainSettings }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'load-model'; source: ModelSource }
  | { type: 'classify'; images: NamedRgbImage[] }
  | { type: 'save-model'; target: 'indexeddb' | 'download' };

export interface Evaluation {
  accuracy: number;
  perClassAccuracy: number[];
  confusionMatrix: number[][];
  /** Class probabilities for each grid image, in grid order. */
  gridProbabilities: number[][];
}

export interface DownloadFile {
  name: string;
  mimeType: string;
  data: ArrayBuffer;
}

export type WorkerEvent =
  | { type: 'backend'; selection: BackendSelection; crossOriginIsolated: boolean }
  | { type: 'data-progress'; fraction: number }
  | {
      type: 'data-ready';
      trainCount: number;
      testCount: number;
      classNames: string[];
      imageSize: number;
      /** The first test images, uint8 NHWC, shown in the prediction grid. */
      gridImages: Uint8Array;
      gridLabels: number[];
    }
  | { type: 'train-start'; totalSteps: number; batchSize: number; parameters: number }
  | { type: 'batch'; step: number; epoch: number; loss: number; images: number }
  /** Training holds after `step`, until resumed or stopped. */
  | { type: 'paused'; step: number }
  | { type: 'epoch'; epoch: number; trainAccuracy: number; validationAccuracy: number; numTensors: number }
  | { type: 'evaluation'; evaluation: Evaluation }
  | { type: 'train-end'; reason: 'completed' | 'stopped' }
  /** `network`: the preset or spec name; `testAccuracy`: what the model's report.json says, for a model loaded with one. */
  | { type: 'model-ready'; name: string; network: string; parameters: number; imageSize: number; classNames: string[]; testAccuracy?: number }
  /** The training curves so far, as a standalone SVG (the run's plot.svg). */
  | { type: 'plot'; svg: string }
  /** `pixels` are the images as the model saw them, resized to its input. */
  | { type: 'classified'; results: { name: string; probabilities: number[]; pixels: Uint8Array }[] }
  | { type: 'saved'; target: 'indexeddb' | 'download'; files: DownloadFile[] }
  | { type: 'error'; during: PageRequest['type']; message: string };
