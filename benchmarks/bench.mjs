// `pnpm bench`: training (batch 64) and inference (batch 256) images/s and peak RSS of the
// presets on every tfjs backend that loads here and in PyTorch, each phase in its own child
// process with a time cap; prints a table with ratios to PyTorch and writes results/latest.json.
//
//   pnpm bench [--quick] [--networks simple,resnet20] [--backends wasm-threads,wasm,cpu]
//              [--cap 300] [--cpu-cap 60] [--full-dataset-steps 20] [--no-pytorch]
import { spawn } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';

const here = new URL('./', import.meta.url);
const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    networks: { type: 'string', default: 'simple,resnet20' },
    backends: { type: 'string', default: 'tensorflow-gpu,tensorflow,wasm-threads,wasm,cpu' },
    cap: { type: 'string', default: '300' },
    'cpu-cap': { type: 'string', default: '60' },
    'full-dataset-steps': { type: 'string' },
    'no-pytorch': { type: 'boolean', default: false },
    out: { type: 'string', default: new URL('results/latest.json', here).pathname },
  },
});
const seconds = (name) => {
  const value = Number(opts[name]);
  if (!(value > 0)) throw new Error(`--${name}: expected a positive number of seconds, got '${opts[name]}'`);
  return value;
};
const steps = opts.quick
  ? ['--warm-steps', '1', '--train-steps', '2', '--infer-steps', '1']
  : ['--warm-steps', '2', '--train-steps', '5', '--infer-steps', '2'];
const fullDatasetSteps = Number(opts['full-dataset-steps'] ?? (opts.quick ? 3 : 20));
const threads = String(Math.min(os.availableParallelism(), 8));

/** Each tfjs backend's child arguments; `capped` ones get --cpu-cap instead of --cap. */
const BACKENDS = {
  'tensorflow-gpu': { args: ['--backend', 'tensorflow-gpu'] },
  tensorflow: { args: ['--backend', 'tensorflow'] },
  'wasm-threads': { args: ['--backend', 'wasm', '--threads', threads] },
  wasm: { args: ['--backend', 'wasm', '--threads', '1'] },
  cpu: { args: ['--backend', 'cpu'], capped: true },
};
const networks = opts.networks.split(',');
const backends = opts.backends.split(',');
for (const name of backends) {
  if (!(name in BACKENDS)) throw new Error(`--backends: unknown '${name}', expected some of ${Object.keys(BACKENDS).join(', ')}`);
}

/** Runs a child to completion or its cap; collects its `BENCH {json}` events. */
function runChild(command, args, capSeconds) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const events = [];
    let stderr = '';
    let pending = '';
    child.stdout.on('data', (chunk) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop();
      for (const line of lines) if (line.startsWith('BENCH ')) events.push(JSON.parse(line.slice(6)));
    });
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
    let capped = false;
    const timer = setTimeout(() => {
      capped = true;
      child.kill('SIGKILL');
    }, capSeconds * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ events, capped, code, stderr });
    });
  });
}

/** images/s of a phase from its finished steps, so a capped run still reports what it reached. */
function summarize(run, batch, capSeconds) {
  const result = run.events.find((e) => e.kind === 'result');
  const unavailable = run.events.find((e) => e.kind === 'unavailable');
  const stepsDone = run.events.filter((e) => e.kind === 'step');
  const peak = Math.max(0, ...run.events.map((e) => e.peak_rss_mb ?? 0));
  if (unavailable) return { unavailable: unavailable.reason };
  if (result) return { imgS: result.img_s, peak };
  if (!run.capped) return { failed: `exit ${run.code}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`, peak };
  const timed = stepsDone.filter((e) => !e.warm);
  const counted = timed.length > 0 ? timed : stepsDone;
  const imgS = counted.length > 0 ? (counted.length * batch) / counted.reduce((s, e) => s + e.seconds, 0) : null;
  const note = counted.length > 0
    ? `capped at ${capSeconds} s after ${stepsDone.length} step(s)${timed.length > 0 ? '' : ', warm-up only'}`
    : `capped at ${capSeconds} s before its first step of ${batch} images finished`;
  return { imgS, peak, note };
}

const rows = [];
const notes = [];
const lines = [];
const log = (line) => {
  lines.push(line);
  console.log(line);
};

for (const network of networks) {
  for (const name of backends) {
    const { args, capped } = BACKENDS[name];
    const cap = seconds(capped ? 'cpu-cap' : 'cap');
    const phase = async (which, batch) =>
      summarize(
        await runChild(process.execPath, [new URL('tfjs-bench.mjs', here).pathname, ...args, '--network', network, '--phase', which, ...steps], cap),
        batch,
        cap,
      );
    const train = await phase('train', 64);
    if (train.unavailable) {
      log(`skipped ${name} (${network}): ${train.unavailable}`);
      continue;
    }
    const infer = await phase('infer', 256);
    const row = {
      network,
      backend: name,
      train_img_s: train.imgS ?? null,
      infer_img_s: infer.imgS ?? null,
      // null when no step finished before the cap: the child died before it could say.
      peak_rss_mb: Math.max(train.peak ?? 0, infer.peak ?? 0) || null,
    };
    const note = [train.note && `train ${train.note}`, infer.note && `infer ${infer.note}`, train.failed, infer.failed]
      .filter(Boolean)
      .join('; ');
    if (note) notes.push(`${network}/${name}: ${note}`);
    rows.push(note ? { ...row, note } : row);
    log(`${network} ${name}: train ${fmt(row.train_img_s)} img/s, infer ${fmt(row.infer_img_s)} img/s, peak ${fmt(row.peak_rss_mb)} MB${note ? ` (${note})` : ''}`);
  }
  if (!opts['no-pytorch']) {
    const run = await runChild('/usr/bin/python3', [new URL('pytorch_bench.py', here).pathname, '--network', network, '--threads', threads, ...steps], seconds('cap'));
    const result = run.events.find((e) => e.kind === 'result');
    if (result) {
      const row = { network, backend: 'pytorch', train_img_s: result.train_img_s, infer_img_s: result.infer_img_s, peak_rss_mb: result.peak_rss_mb };
      rows.push(row);
      log(`${network} pytorch: train ${fmt(row.train_img_s)} img/s, infer ${fmt(row.infer_img_s)} img/s, peak ${row.peak_rss_mb} MB`);
    } else {
      log(`skipped pytorch (${network}): ${run.stderr.trim().split('\n').pop() ?? `exit ${run.code}`}`);
    }
  }
}

if (fullDatasetSteps > 0) {
  const run = await runChild(process.execPath, [new URL('full-dataset-rss.mjs', here).pathname, '--steps', String(fullDatasetSteps)], seconds('cap'));
  const result = run.events.find((e) => e.kind === 'result');
  const chosen = run.events.find((e) => e.kind === 'backend');
  log(result
    ? `full training set (${result.images} images in memory), ${result.steps} steps of simple on ${chosen.backend}: peak RSS ${result.peak_rss_mb} MB`
    : `full training set: failed (${run.capped ? 'capped' : `exit ${run.code}`}): ${run.stderr.trim().split('\n').pop()}`);
}

function fmt(value) {
  return value === null || value === undefined ? '-' : value >= 10 ? value.toFixed(1) : value.toPrecision(2);
}

function ratio(value, reference) {
  return value === null || reference === undefined || reference === null ? '-' : `${(value / reference).toFixed(3)}x`;
}

console.log('\n| network | backend | train img/s | vs PyTorch | infer img/s | vs PyTorch | peak RSS MB |');
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const row of rows) {
  const torch = rows.find((r) => r.network === row.network && r.backend === 'pytorch');
  console.log(
    `| ${row.network} | ${row.backend} | ${fmt(row.train_img_s)} | ${ratio(row.train_img_s, torch?.train_img_s)} | ` +
      `${fmt(row.infer_img_s)} | ${ratio(row.infer_img_s, torch?.infer_img_s)} | ${fmt(row.peak_rss_mb)} |`,
  );
}
for (const note of notes) console.log(`- ${note}`);

mkdirSync(new URL('results/', here), { recursive: true });
const tmp = `${opts.out}.tmp`;
writeFileSync(tmp, `${JSON.stringify(rows, null, 2)}\n`);
renameSync(tmp, opts.out);
console.log(`\nwrote ${opts.out}`);
