import {
  AUGMENT_DEFAULTS,
  BatchIterator,
  imagesToInputBytes,
  imagesToTensor,
  takeFirst,
  type Cifar10,
  type CifarSplit,
  type Normalization,
} from '@resnet/data';
import { loadWebDataset } from '@resnet/data/browser';
import { buildModel, getPreset, loadModel, predictProbabilities, WHITENING_EPSILON, type PresetName } from '@resnet/model';
import { evaluate, fit, parseRunConfig, renderTrainingPlot, RUN_FILES, type RunConfig } from '@resnet/trainer';
import * as tf from '@tensorflow/tfjs';
import { PauseGate } from '../logic/pause-gate.js';
import type { Evaluation, ModelSource, NamedRgbImage, PageRequest, TrainSettings, WorkerEvent } from '../protocol.js';
import { startBackend } from './backends.js';
import { downloadFiles, sortModelFiles } from './model-files.js';

export type Post = (event: WorkerEvent, transfer?: Transferable[]) => void;

/** Pixels scaled to [0, 1], as the reference Keras script trains. */
const TRAINING_NORMALIZATION: Normalization = 'scale';
const EVALUATION_BATCH = 128;
const INDEXEDDB_URL = 'indexeddb://resnet-web';

interface LoadedData {
  url: string;
  train: CifarSplit;
  test: CifarSplit;
  grid: CifarSplit;
  classNames: string[];
}

/** The worker's state: one backend, at most one data set, one model and one training run. */
export class WorkerSession {
  private data?: LoadedData;
  private model?: { network: tf.LayersModel; config: RunConfig };
  /** The training curves of the model trained here, for its download. */
  private plotSvg?: string;
  private run?: { abort: AbortController; gate: PauseGate };

  constructor(private readonly post: Post) {}

  async handle(request: PageRequest): Promise<void> {
    try {
      await this.dispatch(request);
    } catch (error) {
      this.post({ type: 'error', during: request.type, message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async dispatch(request: PageRequest): Promise<void> {
    switch (request.type) {
      case 'set-backend': {
        // The model's weights cross to the new backend as exact copies read asynchronously:
        // tfjs would move them with a synchronous read, which webgpu makes through a canvas.
        const weights = this.model && (await Promise.all(this.model.network.getWeights().map(async (w) => ({ values: await w.data(), shape: w.shape, dtype: w.dtype }))));
        const selection = await startBackend(request.choice);
        if (this.model && weights) {
          const tensors = weights.map((w) => tf.tensor(w.values, w.shape, w.dtype));
          this.model.network.setWeights(tensors);
          tf.dispose(tensors);
        }
        this.post({ type: 'backend', selection, crossOriginIsolated: globalThis.crossOriginIsolated === true });
        return;
      }
      case 'load-data':
        return this.loadData(request.url, request.trainSize, request.testSize, request.gridSize);
      case 'train':
        return this.train(request.settings);
      case 'pause':
        return this.run?.gate.pause();
      case 'resume':
        return this.run?.gate.resume();
      case 'stop':
        this.run?.abort.abort();
        return this.run?.gate.resume();
      case 'load-model':
        return this.loadModel(request.source);
      case 'classify':
        return this.classify(request.images);
      case 'save-model':
        return this.save(request.target);
    }
  }

  private async loadData(url: string, trainSize: number, testSize: number, gridSize: number): Promise<void> {
    const cifar: Cifar10 = await loadWebDataset(url, {
      onProgress: (loaded, total) => this.post({ type: 'data-progress', fraction: total > 0 ? loaded / total : 0 }),
    });
    const test = takeFirst(cifar.test, testSize);
    const grid = takeFirst(test, gridSize);
    this.data = { url, train: takeFirst(cifar.train, trainSize), test, grid, classNames: cifar.classNames };
    const gridImages = grid.images.slice();
    this.post(
      {
        type: 'data-ready',
        trainCount: this.data.train.count,
        testCount: test.count,
        classNames: cifar.classNames,
        imageSize: grid.height,
        gridImages,
        gridLabels: Array.from(grid.labels),
      },
      [gridImages.buffer],
    );
    if (this.model) await this.postEvaluation();
  }

  private async train(settings: TrainSettings): Promise<void> {
    if (!this.data) throw new Error('load data before training');
    const { train, test } = this.data;
    const preset = settings.preset as PresetName;
    // The run format the CLI writes, so `resnet eval` and `resnet predict` use a downloaded model.
    const config: RunConfig = {
      version: 1,
      model: preset,
      modelOptions: settings.shortcut ? { shortcut: settings.shortcut } : {},
      inputShape: getPreset(preset).inputShape,
      classNames: this.data.classNames,
      normalization: TRAINING_NORMALIZATION,
      augment: settings.augment ? { ...AUGMENT_DEFAULTS } : false,
      epochs: settings.epochs,
      batchSize: settings.batchSize,
      optimizer: { name: 'adam', lr: settings.learningRate },
      schedule: { name: 'constant' },
      weightDecay: getPreset(preset).weightDecay,
      labelSmoothing: 0,
      seed: settings.seed,
      limit: train.count,
      valSplit: null,
      testLimit: test.count,
      patience: null,
      flipTta: false,
      batchNormStatistics: { mode: 'auto' },
      batchNormTraining: { trainScale: true, biasLrScale: 1 },
      lookahead: null,
      lowRes: null,
      whiteningEpsilon: WHITENING_EPSILON,
      data: this.data.url,
    };
    const model = buildModel(preset, { seed: config.seed, weightDecay: config.weightDecay, ...config.modelOptions });
    this.replaceModel(model, config);
    this.plotSvg = undefined;
    const source = new BatchIterator(train, {
      batchSize: settings.batchSize,
      seed: settings.seed,
      augment: config.augment,
      normalization: TRAINING_NORMALIZATION,
    });
    const validation = new BatchIterator(test, { batchSize: EVALUATION_BATCH, shuffle: false, normalization: TRAINING_NORMALIZATION });
    const run = { abort: new AbortController(), gate: new PauseGate() };
    this.run = run;
    this.post({ type: 'train-start', totalSteps: settings.epochs * source.batchesPerEpoch, batchSize: settings.batchSize, parameters: model.countParams() });
    try {
      const result = await fit(model, source, {
        epochs: config.epochs,
        optimizer: config.optimizer,
        batchNormStatistics: config.batchNormStatistics,
        whiteningEpsilon: config.whiteningEpsilon,
        validation,
        signal: run.abort.signal,
        callbacks: [
          {
            onBatchEnd: async (log) => {
              this.post({ type: 'batch', step: log.step, epoch: log.epoch, loss: log.loss, images: log.size });
              if (run.gate.isPaused) this.post({ type: 'paused', step: log.step });
              await run.gate.wait();
            },
            onEpochEnd: async (epoch, log, ctx) => {
              await this.postEvaluation();
              this.plotSvg = await renderTrainingPlot(ctx.history, `${preset}, trained in this browser`);
              this.post({ type: 'plot', svg: this.plotSvg });
              this.post({
                type: 'epoch',
                epoch,
                trainAccuracy: log.accuracy,
                validationAccuracy: log.val_accuracy ?? Number.NaN,
                numTensors: tf.memory().numTensors,
              });
            },
          },
        ],
      });
      this.post({ type: 'train-end', reason: result.stopReason === 'aborted' ? 'stopped' : 'completed' });
      this.postModelReady(preset);
    } finally {
      this.run = undefined;
    }
  }

  private replaceModel(network: tf.LayersModel, config: RunConfig): void {
    this.model?.network.dispose();
    this.model = { network, config };
  }

  private postModelReady(name: string, testAccuracy?: number): void {
    const { network, config } = this.requireModel();
    this.post({
      type: 'model-ready',
      name,
      network: typeof config.model === 'string' ? config.model : config.model.name,
      parameters: network.countParams(),
      imageSize: config.inputShape[0],
      classNames: config.classNames,
      ...(testAccuracy === undefined ? {} : { testAccuracy }),
    });
  }

  private async loadModel(source: ModelSource): Promise<void> {
    let model: tf.LayersModel;
    let config: RunConfig;
    let testAccuracy: number | undefined;
    if (source.kind === 'files') {
      const files = sortModelFiles(source.files);
      config = parseRunConfig(await source.config.text(), source.config.name);
      model = await loadModel(tf.io.browserFiles([files.modelJson, ...files.weights]));
    } else if (source.url.startsWith('indexeddb://')) {
      model = await loadModel(source.url);
      config = parseRunConfig(JSON.stringify(model.getUserDefinedMetadata() ?? {}), source.url);
    } else {
      const run = await fetchRunFiles(source.url);
      config = run.config;
      testAccuracy = run.testAccuracy;
      model = await loadModel(source.url);
    }
    this.replaceModel(model, config);
    this.plotSvg = undefined;
    this.postModelReady(source.kind === 'files' ? files(source.files) : source.url, testAccuracy);
    if (this.data) await this.postEvaluation();
  }

  /** Test-set scores plus the grid's probabilities, normalized as the model was trained. */
  private async postEvaluation(): Promise<void> {
    const { test, grid } = this.data as LoadedData;
    const { network, config } = this.requireModel();
    const { normalization } = config;
    const report = await evaluate(network, new BatchIterator(test, { batchSize: EVALUATION_BATCH, shuffle: false, normalization }));
    const evaluation: Evaluation = {
      accuracy: report.accuracy,
      perClassAccuracy: report.perClassAccuracy,
      confusionMatrix: report.confusionMatrix,
      gridProbabilities: await this.predict(grid.images, grid.count, grid.height),
    };
    this.post({ type: 'evaluation', evaluation });
  }

  private async predict(images: Uint8Array, count: number, size: number): Promise<number[][]> {
    const { network, config } = this.requireModel();
    const probabilities = tf.tidy(() => {
      const xs = imagesToTensor(images, count, { height: size, width: size, channels: 3 }, config.normalization);
      return predictProbabilities(network, xs);
    });
    try {
      return (await probabilities.array()) as number[][];
    } finally {
      probabilities.dispose();
    }
  }

  private async classify(images: NamedRgbImage[]): Promise<void> {
    const size = this.requireModel().config.inputShape[0];
    const batch = imagesToInputBytes(images, size, size);
    const probabilities = await this.predict(batch, images.length, size);
    const imageBytes = size * size * 3;
    this.post({
      type: 'classified',
      results: images.map((image, i) => ({
        name: image.name,
        probabilities: probabilities[i],
        // A copy, not a view: posting a view would clone the whole batch's buffer for each image.
        pixels: batch.slice(i * imageBytes, (i + 1) * imageBytes),
      })),
    });
  }

  private async save(target: 'indexeddb' | 'download'): Promise<void> {
    const { network, config } = this.requireModel();
    if (target === 'indexeddb') {
      // IndexedDB keeps no side files, so the config travels in the model's metadata.
      network.setUserDefinedMetadata({ ...config });
      await network.save(INDEXEDDB_URL);
      this.post({ type: 'saved', target, files: [] });
      return;
    }
    const files = await downloadFiles(network, config, this.plotSvg);
    this.post({ type: 'saved', target, files }, files.map((file) => file.data));
  }

  private requireModel(): { network: tf.LayersModel; config: RunConfig } {
    if (!this.model) throw new Error('no model yet: train one or load one');
    return this.model;
  }
}

function files(chosen: File[]): string {
  return chosen.map((file) => file.name).join(', ');
}

/**
 * The run's config.json (and its test accuracy from report.json, when there is one): a flat
 * model directory keeps them beside model.json, a CLI run in the directory above model/.
 */
async function fetchRunFiles(modelUrl: string): Promise<{ config: RunConfig; testAccuracy?: number }> {
  for (const dir of ['./', '../']) {
    const configUrl = new URL(dir + RUN_FILES.config, modelUrl).href;
    const response = await fetch(configUrl);
    if (!response.ok) continue;
    const config = parseRunConfig(await response.text(), configUrl);
    const report = await fetch(new URL(dir + RUN_FILES.report, modelUrl).href);
    const accuracy = report.ok ? ((await report.json()) as { accuracy?: unknown }).accuracy : undefined;
    return typeof accuracy === 'number' ? { config, testAccuracy: accuracy } : { config };
  }
  throw new Error(`no config.json beside ${modelUrl} or above it; "resnet train" writes it into the run directory`);
}
