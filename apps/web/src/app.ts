import type { BrowserBackendChoice } from '@resnet/backend';
import { PRESET_NAMES } from '@resnet/model';
import { formatDuration } from '@resnet/trainer';
import { enabledControls, INITIAL_STATE, type Control, type PageState } from './logic/controls.js';
import { ThroughputMeter } from './logic/throughput.js';
import type { PageRequest, TrainSettings, WorkerEvent } from './protocol.js';
import { renderBackendStatus } from './ui/backend-status.js';
import { LiveChart } from './ui/charts.js';
import { renderClassifications } from './ui/classifications.js';
import { renderConfusionMatrix, renderPerClassAccuracy } from './ui/class-metrics.js';
import { byId, percent } from './ui/dom.js';
import { downloadFiles } from './ui/downloads.js';
import { readImageFile } from './ui/image-file.js';
import { renderPredictionGrid, type GridImages } from './ui/prediction-grid.js';

const CONTROL_IDS: Record<Control, string[]> = {
  backend: ['backend'],
  preset: ['preset', 'shortcut'],
  loadData: ['load-data', 'data-url', 'train-size', 'test-size'],
  start: ['start', 'epochs', 'batch-size', 'learning-rate', 'seed', 'augment'],
  pause: ['pause'],
  resume: ['resume'],
  stop: ['stop'],
  loadModel: ['load-model-url', 'model-url', 'model-files', 'model-config', 'load-model-files'],
  classify: ['image-files'],
  save: ['save-indexeddb', 'download-model'],
};

/** Where an error during a request (or a click on a button) is shown; the rest go to the model status. */
const STATUS_FOR: Record<string, string> = {
  'set-backend': 'backend-status',
  'load-data': 'data-status',
  train: 'train-status',
  start: 'train-status',
  pause: 'train-status',
  resume: 'train-status',
  stop: 'train-status',
};

/** The trained model the app ships (models/ at the repository's root), loaded at start. */
const SHIPPED_MODEL = 'models/airbench-cifar10/model.json';

/** Images shown in the prediction grid. */
const GRID_SIZE = 16;

function positiveNumber(id: string): number {
  const input = byId(id, HTMLInputElement);
  const value = Number(input.value);
  if (!(value > 0) || !Number.isFinite(value)) throw new Error(`${input.labels?.[0]?.textContent?.trim() ?? id} must be a positive number`);
  return value;
}

/** Resolves against the page: the worker would resolve a relative URL against its own script. */
function pageUrl(value: string): string {
  if (value.trim() === '') throw new Error('the URL is empty');
  return new URL(value.trim(), document.baseURI).href;
}

/** The page's controller: turns visitor input into worker requests and worker events into views. */
export class App {
  private state: PageState = { ...INITIAL_STATE, run: 'loading' };
  private grid?: GridImages;
  private model?: { imageSize: number; classNames: string[] };
  private readonly meter = new ThroughputMeter();
  private totalSteps = 0;
  private batchSize = 0;
  private readonly lossChart = new LiveChart(byId('loss-chart', HTMLCanvasElement), ['loss'], 'step');
  private readonly accuracyChart = new LiveChart(
    byId('accuracy-chart', HTMLCanvasElement),
    ['train', 'validation'],
    'epoch',
    { min: 0, max: 1 },
  );
  private tensorHistory: number[] = [];

  constructor(private readonly worker: Worker) {
    worker.addEventListener('message', (event: MessageEvent<WorkerEvent>) => this.onEvent(event.data));
    worker.addEventListener('error', (event) => this.fail('set-backend', event.message || 'the training worker failed to start'));
    const preset = byId('preset', HTMLSelectElement);
    preset.replaceChildren(...PRESET_NAMES.map((name) => new Option(name, name)));
    byId('model-url', HTMLInputElement).value = SHIPPED_MODEL;
    this.bindControls();
    this.render();
    this.send({ type: 'set-backend', choice: 'auto' });
  }

  private bindControls(): void {
    byId('backend', HTMLSelectElement).addEventListener('change', (event) => {
      this.setRun('loading');
      this.send({ type: 'set-backend', choice: (event.target as HTMLSelectElement).value as BrowserBackendChoice });
    });
    this.onClick('load-data', () => {
      const request: PageRequest = {
        type: 'load-data',
        url: pageUrl(byId('data-url', HTMLInputElement).value),
        trainSize: Math.floor(positiveNumber('train-size')),
        testSize: Math.floor(positiveNumber('test-size')),
        gridSize: GRID_SIZE,
      };
      byId('data-status', HTMLElement).textContent = 'Loading data…';
      this.setRun('loading');
      this.send(request);
    });
    this.onClick('start', () => this.start());
    this.onClick('pause', () => {
      this.send({ type: 'pause' });
      this.meter.reset();
      this.setRun('paused');
      byId('train-status', HTMLElement).textContent = 'Pausing after this step…';
    });
    this.onClick('resume', () => {
      this.send({ type: 'resume' });
      this.setRun('training');
      byId('train-status', HTMLElement).textContent = 'Training…';
    });
    this.onClick('stop', () => {
      this.send({ type: 'stop' });
      this.setRun('stopping');
      byId('train-status', HTMLElement).textContent = 'Stopping after this step…';
    });
    this.onClick('load-model-url', () => this.loadModel({ kind: 'url', url: pageUrl(byId('model-url', HTMLInputElement).value) }));
    this.onClick('load-model-files', () => {
      const files = [...(byId('model-files', HTMLInputElement).files ?? [])];
      const config = byId('model-config', HTMLInputElement).files?.[0];
      if (files.length === 0 || !config) throw new Error('choose model.json with weights.bin, and the run\'s config.json');
      this.loadModel({ kind: 'files', files, config });
    });
    byId('image-files', HTMLInputElement).addEventListener('change', (event) => {
      const input = event.target as HTMLInputElement;
      void this.classify([...(input.files ?? [])]);
      // Cleared so that choosing the same file again classifies it again.
      input.value = '';
    });
    this.bindDropZone();
    this.onClick('save-indexeddb', () => this.save('indexeddb'));
    this.onClick('download-model', () => this.save('download'));
  }

  private bindDropZone(): void {
    const zone = byId('drop-zone', HTMLElement);
    zone.addEventListener('dragover', (event) => {
      event.preventDefault();
      zone.classList.add('over');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (event) => {
      event.preventDefault();
      zone.classList.remove('over');
      if (enabledControls(this.state).classify) void this.classify([...(event.dataTransfer?.files ?? [])]);
    });
  }

  private onClick(id: string, action: () => void): void {
    byId(id, HTMLButtonElement).addEventListener('click', () => {
      try {
        action();
      } catch (error) {
        this.fail(id, error instanceof Error ? error.message : String(error));
      }
    });
  }

  private start(): void {
    const settings: TrainSettings = {
      preset: byId('preset', HTMLSelectElement).value,
      shortcut: (byId('shortcut', HTMLSelectElement).value || undefined) as TrainSettings['shortcut'],
      epochs: Math.floor(positiveNumber('epochs')),
      batchSize: Math.floor(positiveNumber('batch-size')),
      learningRate: positiveNumber('learning-rate'),
      seed: Math.floor(Number(byId('seed', HTMLInputElement).value) || 0),
      augment: byId('augment', HTMLInputElement).checked,
    };
    this.lossChart.reset();
    this.accuracyChart.reset();
    this.meter.reset();
    this.tensorHistory = [];
    byId('step', HTMLElement).textContent = '0';
    byId('train-status', HTMLElement).textContent = 'Building the model…';
    this.setRun('training');
    this.send({ type: 'train', settings });
  }

  private loadModel(source: Extract<PageRequest, { type: 'load-model' }>['source']): void {
    byId('model-status', HTMLElement).textContent = 'Loading the model…';
    this.setRun('loading');
    this.send({ type: 'load-model', source });
  }

  private async classify(files: File[]): Promise<void> {
    if (!this.model || files.length === 0) return;
    try {
      const images = await Promise.all(files.map(readImageFile));
      this.setRun('loading');
      this.send({ type: 'classify', images });
    } catch (error) {
      this.fail('classify', error instanceof Error ? error.message : String(error));
    }
  }

  private save(target: 'indexeddb' | 'download'): void {
    byId('model-status', HTMLElement).textContent = 'Saving…';
    this.setRun('loading');
    this.send({ type: 'save-model', target });
  }

  private send(request: PageRequest): void {
    this.worker.postMessage(request);
  }

  private setRun(run: PageState['run']): void {
    this.state = { ...this.state, run };
    this.render();
  }

  private update(patch: Partial<PageState>): void {
    this.state = { ...this.state, ...patch };
    this.render();
  }

  private render(): void {
    const enabled = enabledControls(this.state);
    for (const [control, ids] of Object.entries(CONTROL_IDS) as [Control, string[]][]) {
      for (const id of ids) {
        (document.getElementById(id) as HTMLInputElement | HTMLButtonElement | HTMLSelectElement).disabled = !enabled[control];
      }
    }
    document.body.dataset.run = this.state.run;
  }

  private fail(during: string, message: string): void {
    const status = byId(STATUS_FOR[during] ?? 'model-status', HTMLElement);
    status.textContent = `Error: ${message}${during === 'set-backend' ? this.keepActiveBackend() : ''}`;
    status.dataset.error = 'true';
    this.setRun('idle');
  }

  /** A named backend that failed leaves the one before it running: the picker shows that one again. */
  private keepActiveBackend(): string {
    const picker = byId('backend', HTMLSelectElement);
    const active = picker.dataset.active;
    if (active === undefined) return '';
    picker.value = active;
    return ` Still on ${active}.`;
  }

  private onEvent(event: WorkerEvent): void {
    switch (event.type) {
      case 'backend': {
        const first = !this.state.backendReady;
        renderBackendStatus(byId('backend-status', HTMLElement), byId('backend-skipped', HTMLElement), event.selection, event.crossOriginIsolated);
        byId('backend', HTMLSelectElement).dataset.active = event.selection.backend;
        this.update({ backendReady: true, run: 'idle' });
        // The shipped model, so an image dropped at once is classified; training stays one click away.
        if (first) this.loadModel({ kind: 'url', url: pageUrl(SHIPPED_MODEL) });
        break;
      }
      case 'data-progress':
        byId('data-progress', HTMLProgressElement).value = event.fraction;
        break;
      case 'data-ready':
        byId('data-progress', HTMLProgressElement).value = 1;
        byId('data-status', HTMLElement).textContent = `Loaded ${event.trainCount} training and ${event.testCount} test images.`;
        byId('train-status', HTMLElement).textContent = 'Ready to train.';
        this.grid = { images: event.gridImages, labels: event.gridLabels, size: event.imageSize, classNames: event.classNames };
        this.update({ dataReady: true, run: 'idle' });
        break;
      case 'train-start':
        this.totalSteps = event.totalSteps;
        this.batchSize = event.batchSize;
        byId('train-status', HTMLElement).textContent = `Training ${event.parameters.toLocaleString('en')} parameters…`;
        break;
      case 'batch':
        this.onBatch(event);
        break;
      case 'paused':
        byId('train-status', HTMLElement).textContent = `Paused after step ${event.step}.`;
        break;
      case 'epoch':
        this.tensorHistory.push(event.numTensors);
        byId('tensors', HTMLElement).textContent = String(event.numTensors);
        // A count that grows epoch after epoch is a leak; the history makes it visible.
        byId('tensors', HTMLElement).dataset.history = this.tensorHistory.join(',');
        this.accuracyChart.add(event.epoch + 1, [event.trainAccuracy, event.validationAccuracy]);
        this.accuracyChart.describe(`After epoch ${event.epoch + 1}: train ${percent(event.trainAccuracy)}, validation ${percent(event.validationAccuracy)}.`);
        break;
      case 'evaluation':
        this.showEvaluation(event.evaluation);
        break;
      case 'train-end':
        byId('train-status', HTMLElement).textContent = event.reason === 'completed' ? 'Training finished.' : 'Training stopped.';
        this.update({ modelReady: true, run: 'idle' });
        break;
      case 'model-ready': {
        this.model = { imageSize: event.imageSize, classNames: event.classNames };
        const accuracy = event.testAccuracy === undefined ? '' : ` ${percent(event.testAccuracy)} on the CIFAR-10 test set.`;
        byId('model-status', HTMLElement).textContent =
          `Model ready: ${event.name} (${event.network}), ${event.parameters.toLocaleString('en')} parameters.${accuracy} Drop or choose images to classify them.`;
        this.update({ modelReady: true, run: this.state.run === 'training' ? 'training' : 'idle' });
        break;
      }
      case 'plot':
        this.showPlot(event.svg);
        break;
      case 'classified':
        renderClassifications(byId('classifications', HTMLElement), event.results, this.model?.classNames ?? [], this.model?.imageSize ?? 32);
        this.setRun('idle');
        break;
      case 'saved':
        if (event.target === 'download') downloadFiles(event.files);
        byId('model-status', HTMLElement).textContent = event.target === 'download' ? 'Model files downloaded.' : 'Model saved in this browser (IndexedDB).';
        this.setRun('idle');
        break;
      case 'error':
        this.fail(event.during, event.message);
        break;
    }
  }

  private onBatch(event: Extract<WorkerEvent, { type: 'batch' }>): void {
    this.meter.record(event.images, performance.now());
    const rate = this.meter.imagesPerSecond();
    byId('step', HTMLElement).textContent = String(event.step);
    byId('epoch', HTMLElement).textContent = String(event.epoch + 1);
    byId('loss', HTMLElement).textContent = event.loss.toFixed(4);
    byId('images-per-second', HTMLElement).textContent = rate === undefined ? '–' : rate.toFixed(1);
    const secondsLeft = this.meter.secondsLeft((this.totalSteps - event.step) * this.batchSize);
    byId('eta', HTMLElement).textContent = secondsLeft === undefined ? '–' : formatDuration(secondsLeft);
    this.lossChart.add(event.step, [event.loss]);
    this.lossChart.describe(`Step ${event.step}: loss ${event.loss.toFixed(4)}.`);
  }

  /** Links the latest training curves; the previous link's object URL is freed. */
  private showPlot(svg: string): void {
    const link = byId('plot-link', HTMLAnchorElement);
    if (link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    link.hidden = false;
  }

  private showEvaluation(evaluation: Extract<WorkerEvent, { type: 'evaluation' }>['evaluation']): void {
    if (!this.grid) return;
    byId('evaluation-status', HTMLElement).textContent = `Test accuracy ${percent(evaluation.accuracy)}.`;
    renderPredictionGrid(byId('prediction-grid', HTMLElement), this.grid, evaluation.gridProbabilities);
    renderPerClassAccuracy(byId('per-class-accuracy', HTMLTableElement), this.grid.classNames, evaluation.perClassAccuracy);
    renderConfusionMatrix(byId('confusion-matrix', HTMLTableElement), this.grid.classNames, evaluation.confusionMatrix);
  }
}
