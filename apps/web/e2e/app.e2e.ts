import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser } from './chromium.js';
import { APP_DIR, CIFAR_ARCHIVE, prepareTinyData, resnet, writeTestPngs } from './fixtures.js';
import { measureInputLatency, median } from './input-latency.js';
import { startPreview } from './preview-server.js';

const DIST = join(APP_DIR, 'dist');
/** Served by the preview server with the built app; removed afterwards. */
const FIXTURES = join(DIST, 'e2e-fixtures');
const RESULTS = join(APP_DIR, 'e2e-results');
const TRAIN_IMAGES = 64;
const TEST_IMAGES = 32;

describe('web app in Chromium', () => {
  let browser: Browser;
  let server: { url: string; close(): Promise<void> };
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(DIST, 'index.html'))) throw new Error(`${DIST} has no build: run "pnpm --filter web build" (the e2e script does)`);
    await mkdir(RESULTS, { recursive: true });
    await prepareTinyData(join(FIXTURES, 'data'), TRAIN_IMAGES, TEST_IMAGES);
    server = await startPreview(APP_DIR);
    browser = await launchChromium(join(FIXTURES, 'downloads'));
    page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(server.url);
  });

  // Each step fails on the page errors it caused, instead of a last test collecting them.
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(FIXTURES, { recursive: true, force: true });
  });

  it('loads cross-origin isolated and starts a backend on its own', async () => {
    expect(await page.textContent('h1')).toBe('ResNet on CIFAR-10, in your browser');
    await page.waitForSelector('#backend-status[data-backend]');
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    const status = await page.textContent('#backend-status');
    expect(status).toMatch(/^Active backend: (webgpu|webgl|wasm|cpu)( \(.+\))?\./);
    console.log(`auto backend: ${status}; skipped: ${await page.textContent('#backend-skipped')}`);
  });

  it('loads the shipped model at start, so a dropped image is classified at once', async () => {
    await page.waitForFunction(() => document.querySelector('#model-status')?.textContent?.startsWith('Model ready'), undefined, { timeout: 60_000 });
    expect(await page.textContent('#model-status')).toMatch(/^Model ready: .*models\/[\w-]+-cifar10\/model\.json \([\w-]+\), [\d,]+ parameters\. \d+\.\d% on the CIFAR-10 test set\./);
    const [png] = await writeTestPngs(join(FIXTURES, 'data'), join(FIXTURES, 'shipped-png'), 1);
    await page.setInputFiles('#image-files', png);
    await page.waitForSelector('#classifications li[data-probabilities]');
    const probabilities = JSON.parse((await page.getAttribute('#classifications li', 'data-probabilities')) ?? '[]') as number[];
    expect(probabilities).toHaveLength(10);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    await page.evaluate(() => document.querySelector('#classifications')?.replaceChildren());
  });

  it('can choose webgl', async () => {
    await page.selectOption('#backend', 'webgl');
    await page.waitForSelector('#backend-status[data-backend="webgl"]');
    expect(await page.textContent('#backend-status')).toContain('Active backend: webgl.');
  });

  it('trains on wasm, since WebGL runs on SwiftShader (CPU) here and takes ~16 s per step', async () => {
    await page.selectOption('#backend', 'wasm');
    await page.waitForSelector('#backend-status[data-backend="wasm"]');
    // XNNPACK's pool and our filter-gradient GEMM's workers on every core the browser reports,
    // at most 8 (the rule of @resnet/backend's browserWasmThreads in an isolated page).
    const threads = Math.min(await page.evaluate(() => navigator.hardwareConcurrency), 8);
    expect(await page.textContent('#backend-status')).toBe(`Active backend: wasm (${threads} thread${threads === 1 ? '' : 's'}).`);
  });

  it('loads a tiny data set with a progress bar', async () => {
    await page.fill('#data-url', 'e2e-fixtures/data/');
    await page.fill('#train-size', String(TRAIN_IMAGES));
    await page.fill('#test-size', String(TEST_IMAGES));
    await page.click('#load-data');
    await page.waitForFunction(() => document.querySelector('#data-status')?.textContent?.startsWith('Loaded'));
    expect(await page.textContent('#data-status')).toBe(`Loaded ${TRAIN_IMAGES} training and ${TEST_IMAGES} test images.`);
    expect(await page.getAttribute('#data-progress', 'value')).toBe('1');
  });

  it('trains the tiny preset a few steps on webgpu (SwiftShader here): the loss moves, and wasm predicts the same', async () => {
    await page.selectOption('#backend', 'webgpu');
    await page.waitForSelector('#backend-status[data-backend="webgpu"]');
    expect(await page.textContent('#backend-status')).toMatch(/^Active backend: webgpu \(.*software\)\./);
    await page.selectOption('#preset', 'tiny');
    await page.fill('#epochs', '1');
    await page.fill('#batch-size', '16');
    await page.click('#start');
    await page.waitForFunction(() => Number(document.querySelector('#step')?.textContent) >= 1, undefined, { timeout: 90_000 });
    const firstLoss = Number(await page.textContent('#loss'));
    await page.waitForFunction(() => document.body.dataset.run === 'idle' && document.querySelector('#train-status')?.textContent === 'Training finished.', undefined, {
      timeout: 120_000,
    });
    expect(await page.textContent('#step')).toBe(String(TRAIN_IMAGES / 16));
    const lastLoss = Number(await page.textContent('#loss'));
    expect(Number.isFinite(firstLoss) && Number.isFinite(lastLoss)).toBe(true);
    expect(lastLoss).not.toBe(firstLoss);

    const classify = async () => {
      await page.evaluate(() => document.querySelector('#classifications')?.replaceChildren());
      const [png] = await writeTestPngs(join(FIXTURES, 'data'), join(FIXTURES, 'webgpu-png'), 1);
      await page.setInputFiles('#image-files', png);
      await page.waitForSelector('#classifications li[data-probabilities]');
      return JSON.parse((await page.getAttribute('#classifications li', 'data-probabilities')) ?? '[]') as number[];
    };
    const onWebgpu = await classify();
    // The trained model's weights move from the GPU to wasm with the backend.
    await page.selectOption('#backend', 'wasm');
    await page.waitForSelector('#backend-status[data-backend="wasm"]');
    const onWasm = await classify();
    expect(onWasm).toHaveLength(10);
    onWasm.forEach((p, c) => expect(Math.abs(p - onWebgpu[c])).toBeLessThan(1e-4));
    console.log(`webgpu vs wasm: loss ${firstLoss} -> ${lastLoss}, max |dp| ${Math.max(...onWasm.map((p, c) => Math.abs(p - onWebgpu[c]))).toExponential(2)}`);
    await page.evaluate(() => document.querySelector('#classifications')?.replaceChildren());
  });

  it('trains a few steps: the step counter and the charts move, pause holds, tensors stay flat, input stays responsive', async () => {
    await page.selectOption('#preset', 'resnet20');
    await page.fill('#epochs', '2');
    await page.fill('#batch-size', '16');
    await page.click('#start');
    await page.waitForFunction(() => Number(document.querySelector('#step')?.textContent) >= 1, undefined, { timeout: 90_000 });
    await page.click('#pause');
    // Pausing waits for the step in flight, which takes seconds on a busy machine.
    await page.waitForFunction(() => document.querySelector('#train-status')?.textContent?.startsWith('Paused after step'), undefined, {
      timeout: 90_000,
    });
    const pausedAt = await page.textContent('#step');
    expect(await page.textContent('#train-status')).toBe(`Paused after step ${pausedAt}.`);
    await page.waitForTimeout(1000);
    expect(await page.textContent('#step')).toBe(pausedAt);
    expect(Number(pausedAt)).toBeLessThan((TRAIN_IMAGES / 16) * 2);
    await page.click('#resume');
    const latencies = await measureInputLatency(page, 10, 150);
    await page.waitForFunction(() => document.body.dataset.run === 'idle' && document.querySelector('#train-status')?.textContent === 'Training finished.', undefined, {
      timeout: 90_000,
    });
    const steps = (TRAIN_IMAGES / 16) * 2;
    expect(await page.textContent('#step')).toBe(String(steps));
    expect(await page.getAttribute('#loss-chart', 'data-points')).toBe(String(steps));
    expect(await page.getAttribute('#accuracy-chart', 'data-points')).toBe('2');
    const history = (await page.getAttribute('#tensors', 'data-history'))?.split(',').map(Number) ?? [];
    expect(history).toHaveLength(2);
    expect(history[1]).toBe(history[0]);
    console.log(`input latency while training (wasm worker): median ${median(latencies).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`);
    expect(latencies.length).toBeGreaterThanOrEqual(8);
    // Training runs in a worker: a blocked main thread would wait whole steps (seconds here).
    expect(median(latencies)).toBeLessThan(200);
  });

  it('renders top-3 predictions for the test grid, per-class accuracy and the confusion matrix', async () => {
    const cells = page.locator('#prediction-grid > li');
    expect(await cells.count()).toBe(16);
    expect(await cells.first().locator('ol > li').count()).toBe(3);
    const verdicts = await cells.evaluateAll((items) => items.map((item) => item.querySelector('ol > li')?.className));
    expect(verdicts.every((v) => v === 'correct' || v === 'wrong')).toBe(true);
    expect(await page.locator('#per-class-accuracy tr').count()).toBe(11);
    expect(await page.locator('#confusion-matrix tr').count()).toBe(11);
    const matrixTotal = await page.$$eval('#confusion-matrix td', (cells) => cells.reduce((sum, cell) => sum + Number(cell.textContent), 0));
    expect(matrixTotal).toBe(TEST_IMAGES);
  });

  it('classifies an uploaded PNG with the model it trained', async () => {
    const [png] = await writeTestPngs(join(FIXTURES, 'data'), join(FIXTURES, 'png'), 1);
    await page.setInputFiles('#image-files', png);
    await page.waitForSelector('#classifications li[data-probabilities]');
    const probabilities = JSON.parse((await page.getAttribute('#classifications li', 'data-probabilities')) ?? '[]') as number[];
    expect(probabilities).toHaveLength(10);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(await page.locator('#classifications li ol > li').count()).toBe(3);
  });

  it('downloads the trained model and loads the files back with the same predictions', async () => {
    const before = await page.getAttribute('#classifications li', 'data-probabilities');
    const downloads: string[] = [];
    page.on('download', (download) => {
      const path = join(FIXTURES, 'downloads', download.suggestedFilename());
      downloads.push(path);
      void download.saveAs(path);
    });
    await page.click('#download-model');
    await page.waitForFunction(() => document.querySelector('#model-status')?.textContent === 'Model files downloaded.');
    // The training curves come with a model trained here.
    await expect.poll(() => downloads.map((path) => path.split('/').pop()).sort()).toEqual(['config.json', 'model.json', 'plot.svg', 'weights.bin']);
    await expect.poll(() => downloads.every((path) => existsSync(path))).toBe(true);
    await page.setInputFiles('#model-files', downloads.filter((path) => path.endsWith('model.json') || path.endsWith('.bin')));
    await page.setInputFiles('#model-config', downloads.filter((path) => path.endsWith('config.json')));
    await page.click('#load-model-files');
    await page.waitForFunction(() => document.querySelector('#model-status')?.textContent?.startsWith('Model ready: model.json'));
    await page.evaluate(() => document.querySelector('#classifications')?.replaceChildren());
    const [png] = await writeTestPngs(join(FIXTURES, 'data'), join(FIXTURES, 'png'), 1);
    await page.setInputFiles('#image-files', png);
    await page.waitForSelector('#classifications li[data-probabilities]');
    const after = JSON.parse((await page.getAttribute('#classifications li', 'data-probabilities')) ?? '[]') as number[];
    JSON.parse(before ?? '[]').forEach((p: number, i: number) => expect(after[i]).toBeCloseTo(p, 6));
  });

  it('saves the model in IndexedDB and loads it back from there', async () => {
    await page.click('#save-indexeddb');
    await page.waitForFunction(() => document.querySelector('#model-status')?.textContent === 'Model saved in this browser (IndexedDB).');
    await page.fill('#model-url', 'indexeddb://resnet-web');
    await page.click('#load-model-url');
    await page.waitForFunction(() => document.querySelector('#model-status')?.textContent?.startsWith('Model ready: indexeddb://resnet-web'));
  });

  it('runs a model trained by the CLI with the same top-1 classes and probabilities as "resnet predict"', async () => {
    const runDir = join(FIXTURES, 'run');
    // One wasm thread: with a thread pool the CLI does not exit after training (reported).
    const node = ['--backend', 'wasm', '--threads', '1'];
    await resnet(['train', '--model', 'resnet20', '--epochs', '1', '--limit', String(TRAIN_IMAGES), '--test-limit', String(TEST_IMAGES),
      '--batch-size', '16', '--normalize', 'standardize', '--data', CIFAR_ARCHIVE, '--out', runDir, ...node]);
    const pngs = await writeTestPngs(join(FIXTURES, 'data'), join(FIXTURES, 'cli-png'), 4);
    const predicted = JSON.parse(await resnet(['predict', '--model', runDir, '--json', ...pngs, ...node])) as {
      probabilities: Record<string, number>;
    }[];
    const expected = predicted.map((result) => Object.values(result.probabilities));

    await page.fill('#model-url', 'e2e-fixtures/run/model/model.json');
    await page.click('#load-model-url');
    await page.waitForFunction(() => document.querySelector('#model-status')?.textContent?.startsWith('Model ready'));
    await page.setInputFiles('#image-files', pngs);
    await page.waitForFunction(() => document.querySelectorAll('#classifications li[data-name^="test-"]').length === 4 &&
      document.querySelector('#classifications li')?.getAttribute('data-name') === 'test-0.png');
    const actual = await page.$$eval('#classifications > li', (items) => items.map((item) => JSON.parse(item.dataset.probabilities ?? '[]') as number[]));
    const top1 = (rows: number[][]) => rows.map((row) => row.indexOf(Math.max(...row)));
    expect(top1(actual)).toEqual(top1(expected));
    actual.forEach((row, i) => row.forEach((p, c) => expect(Math.abs(p - expected[i][c])).toBeLessThan(1e-3)));
    console.log(`CLI vs browser: top-1 ${JSON.stringify(top1(expected))}, max |dp| ${Math.max(...actual.flatMap((row, i) => row.map((p, c) => Math.abs(p - expected[i][c])))).toExponential(2)}`);
  });

  it('fits a 1280x800 screen and a 390px phone without sideways scrolling', async () => {
    await page.screenshot({ path: join(RESULTS, 'app-1280x800.png'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await page.setViewportSize({ width: 390, height: 844 });
    // Charts follow their container through a ResizeObserver, a frame or two later.
    const overflowing = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((element) => !element.closest('.scroll') && element.getBoundingClientRect().right > 391)
          .map((element) => `${element.tagName.toLowerCase()}#${element.id}`),
      );
    await expect.poll(overflowing).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(RESULTS, 'app-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
