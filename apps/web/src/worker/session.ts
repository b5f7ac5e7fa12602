import {
  BatchIterator,
  CIFAR10_CLASS_NAMES,
  imagesToInputBytes,
  imagesToTensor,
  takeFirst,
  type Cifar10,
  type CifarSplit,
  type Normalization,
} from '@resnet/data';
import { loadWebDataset } from '@resnet/data/browser';
import { buildModel, loadModel, type PresetName } from '@resnet/model';
import { evaluate, fit } from '@resnet/trainer';
import * as tf from '@tensorflow/tfjs';
import { PauseGate } from '../logic/pause-gate.js';
import type { Evaluation, ModelSource, NamedRgbImage, PageRequest, TrainSettings, WorkerEvent } from '../protocol.js';
import { startBackend } from './backends.js';
import { parseModelConfig, type ModelConfig } from './model-config.js';
import { modelFiles, sortModelFiles } from './model-files.js';

export type Post = (event: WorkerEvent, transfer?: Transferable[]) => void;

/** Pixels scaled to [0, 1], as the reference Keras script trains. */
const TRAINING_NORMALIZATION: Normalization = 'scale';
const EVALUATION_BATCH = 128;
const INDEXEDDB_URL = 'indexeddb://resnet-web';

interface LoadedData {
  train: CifarSplit;
  test: CifarSplit;
  grid: CifarSplit;
  classNames: string[];
}

/** The worker's state: one backend, at most one data set, one model and one training run. */
export class WorkerSession {
  private data?: LoadedData;
  private model?: tf.LayersModel;
  private config: ModelConfig = { normalization: TRAINING_NORMALIZATION };
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
        const selection = await startBackend(request.choice);
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
    this.data = { train: takeFirst(cifar.train, trainSize), test, grid, classNames: cifar.classNames };
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
    if (this.model) await this.postEvaluation(this.model);
  }

  private async train(settings: TrainSettings): Promise<void> {
    if (!this.data) throw new Error('load data before training');
    const { train, test } = this.data;
    this.replaceModel(buildModel(settings.preset as PresetName, { seed: settings.seed, shortcut: settings.shortcut }));
    const model = this.model as tf.LayersModel;
    // Written as the CLI's RunConfig, so `resnet predict` can use a downloaded model.
    this.config = {
      version: 1,
      model: settings.preset,
      ...(settings.shortcut ? { shortcut: settings.shortcut } : {}),
      inputShape: model.inputs[0].shape.slice(1),
      classNames: this.data.classNames,
      normalization: TRAINING_NORMALIZATION,
      augment: settings.augment,
      epochs: settings.epochs,
      batchSize: settings.batchSize,
      optimizer: { name: 'adam', lr: settings.learningRate },
      seed: settings.seed,
    };
    const source = new BatchIterator(train, {
      batchSize: settings.batchSize,
      seed: settings.seed,
      augment: settings.augment,
      normalization: TRAINING_NORMALIZATION,
    });
    const validation = new BatchIterator(test, { batchSize: EVALUATION_BATCH, shuffle: false, normalization: TRAINING_NORMALIZATION });
    const run = { abort: new AbortController(), gate: new PauseGate() };
    this.run = run;
    this.post({ type: 'train-start', totalSteps: settings.epochs * source.batchesPerEpoch, batchSize: settings.batchSize, parameters: model.countParams() });
    try {
      const result = await fit(model, source, {
        epochs: settings.epochs,
        optimizer: { name: 'adam', lr: settings.learningRate },
        validation,
        signal: run.abort.signal,
        callbacks: [
          {
            onBatchEnd: async (log) => {
              this.post({ type: 'batch', step: log.step, epoch: log.epoch, loss: log.loss, images: log.size });
              if (run.gate.isPaused) this.post({ type: 'paused', step: log.step });
              await run.gate.wait();
            },
            onEpochEnd: async (epoch, log) => {
              await this.postEvaluation(model);
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
      this.postModelReady(settings.preset);
    } finally {
      this.run = undefined;
    }
  }

  private replaceModel(model: tf.LayersModel): void {
    this.model?.dispose();
    this.model = model;
  }

  private postModelReady(name: string): void {
    const model = this.requireModel();
    this.post({
      type: 'model-ready',
      name,
      parameters: model.countParams(),
      imageSize: model.inputs[0].shape[1] ?? 32,
      classNames: this.config.classNames ?? this.data?.classNames ?? [...CIFAR10_CLASS_NAMES],
    });
  }

  private async loadModel(source: ModelSource): Promise<void> {
    let model: tf.LayersModel;
    let config: ModelConfig;
    if (source.kind === 'files') {
      const files = sortModelFiles(source.files);
      config = parseModelConfig(await source.config.text(), source.config.name);
      model = await loadModel(tf.io.browserFiles([files.modelJson, ...files.weights]));
    } else if (source.url.startsWith('indexeddb://')) {
      model = await loadModel(source.url);
      config = parseModelConfig(JSON.stringify(model.getUserDefinedMetadata() ?? {}), source.url);
    } else {
      config = await fetchRunConfig(source.url);
      model = await loadModel(source.url);
    }
    this.replaceModel(model);
    this.config = config;
    this.postModelReady(source.kind === 'files' ? files(source.files) : source.url);
    if (this.data) await this.postEvaluation(model);
  }

  /** Test-set scores plus the grid's probabilities, normalized as the model was trained. */
  private async postEvaluation(model: tf.LayersModel): Promise<void> {
    const { test, grid } = this.data as LoadedData;
    const { normalization } = this.config;
    const report = await evaluate(model, new BatchIterator(test, { batchSize: EVALUATION_BATCH, shuffle: false, normalization }));
    const evaluation: Evaluation = {
      accuracy: report.accuracy,
      perClassAccuracy: report.perClassAccuracy,
      confusionMatrix: report.confusionMatrix,
      gridProbabilities: await this.predict(model, grid.images, grid.count, grid.height),
    };
    this.post({ type: 'evaluation', evaluation });
  }

  private async predict(model: tf.LayersModel, images: Uint8Array, count: number, size: number): Promise<number[][]> {
    const probabilities = tf.tidy(() => {
      const xs = imagesToTensor(images, count, { height: size, width: size, channels: 3 }, this.config.normalization);
      return model.predict(xs) as tf.Tensor2D;
    });
    try {
      return (await probabilities.array()) as number[][];
    } finally {
      probabilities.dispose();
    }
  }

  private async classify(images: NamedRgbImage[]): Promise<void> {
    const model = this.requireModel();
    const size = model.inputs[0].shape[1] ?? 32;
    const batch = imagesToInputBytes(images, size, size);
    const probabilities = await this.predict(model, batch, images.length, size);
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
    const model = this.requireModel();
    if (target === 'indexeddb') {
      // IndexedDB keeps no side files, so the config travels in the model's metadata.
      model.setUserDefinedMetadata({ ...this.config });
      await model.save(INDEXEDDB_URL);
      this.post({ type: 'saved', target, files: [] });
      return;
    }
    const files = await modelFiles(model, this.config);
    this.post({ type: 'saved', target, files }, files.map((file) => file.data));
  }

  private requireModel(): tf.LayersModel {
    if (!this.model) throw new Error('no model yet: train one or load one');
    return this.model;
  }
}

function files(chosen: File[]): string {
  return chosen.map((file) => file.name).join(', ');
}

/** A CLI run keeps config.json in the run directory, above model/; a flat copy keeps it beside model.json. */
async function fetchRunConfig(modelUrl: string): Promise<ModelConfig> {
  const candidates = [new URL('config.json', modelUrl).href, new URL('../config.json', modelUrl).href];
  for (const url of candidates) {
    const response = await fetch(url);
    if (response.ok) return parseModelConfig(await response.text(), url);
  }
  throw new Error(`no config.json at ${candidates.join(' or ')}; "resnet train" writes it into the run directory`);
}
