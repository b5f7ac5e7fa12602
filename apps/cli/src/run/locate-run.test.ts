import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { locateRun } from './locate-run.js';

describe('locateRun', () => {
  let run: string;
  beforeEach(async () => {
    run = await mkdtemp(join(tmpdir(), 'locate-run-'));
  });
  afterEach(async () => {
    await rm(run, { recursive: true, force: true });
  });

  it('accepts a run directory or its model directory', async () => {
    await mkdir(join(run, 'model'));
    await writeFile(join(run, 'model', 'model.json'), '{}');
    const expected = { configDir: run, modelDir: join(run, 'model') };
    expect(await locateRun(run)).toEqual(expected);
    expect(await locateRun(join(run, 'model'))).toEqual(expected);
  });

  it('accepts a flat model directory with its config.json beside model.json', async () => {
    await writeFile(join(run, 'model.json'), '{}');
    await writeFile(join(run, 'config.json'), '{}');
    expect(await locateRun(run)).toEqual({ configDir: run, modelDir: run });
  });

  it('says what it looked for when there is no model', async () => {
    await expect(locateRun(run)).rejects.toThrow(`--model ${run}: no trained model here`);
  });
});
