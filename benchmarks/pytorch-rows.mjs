// pytorch_bench.py's rounds as rows: each configuration's median per phase and batch, and the
// fastest configuration's figure as the reference the tfjs rows are compared with.

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One entry per configuration, phase and batch: `{config, phase, batch, median_img_s, rounds}`. */
export function configMedians(events) {
  const groups = new Map();
  for (const event of events.filter((e) => e.kind === 'round')) {
    const key = `${event.config}/${event.phase}/${event.batch}`;
    if (!groups.has(key)) groups.set(key, { config: event.config, phase: event.phase, batch: event.batch, rounds: [] });
    groups.get(key).rounds.push(event.img_s);
  }
  return [...groups.values()].map((g) => ({ ...g, median_img_s: median(g.rounds) }));
}

function fastest(configs, phase, batch) {
  const candidates = configs.filter((c) => c.phase === phase && c.batch === batch);
  return candidates.reduce((best, c) => (best === undefined || c.median_img_s > best.median_img_s ? c : best), undefined);
}

/**
 * The reference rows of one network: one per training batch, the first also holding
 * inference. Each carries the configurations it was chosen from.
 */
export function pytorchRows({ network, backend, device, trainBatches, inferBatch, backendEvent, configs, peakRssMb }) {
  return trainBatches.map((trainBatch, i) => {
    const train = fastest(configs, 'train', trainBatch);
    const infer = i === 0 ? fastest(configs, 'infer', inferBatch) : undefined;
    return {
      network,
      backend,
      device,
      device_name: backendEvent.device_name,
      precision: backendEvent.precision,
      train_batch: trainBatch,
      train_img_s: train?.median_img_s ?? null,
      train_config: train?.config ?? null,
      infer_batch: i === 0 ? inferBatch : null,
      infer_img_s: infer?.median_img_s ?? null,
      infer_config: infer?.config ?? null,
      peak_rss_mb: peakRssMb,
      configs: configs.filter((c) => (c.phase === 'train' && c.batch === trainBatch) || (i === 0 && c.phase === 'infer')),
    };
  });
}
