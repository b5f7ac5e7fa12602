// bench.mjs's printout: each row as it is measured, then a Markdown table with each figure's
// ratio to PyTorch on the same kind of device at the same batch, and every PyTorch configuration tried.

function fmt(value) {
  return value === null || value === undefined ? '-' : value >= 10 ? value.toFixed(1) : value.toPrecision(2);
}

function ratio(value, reference) {
  return value === null || value === undefined || reference === null || reference === undefined ? '-' : `${(value / reference).toFixed(3)}x`;
}

const isPytorch = (row) => row.backend === 'pytorch' || row.backend === 'pytorch-cuda';

function rowLabel(row) {
  if (isPytorch(row)) {
    const infer = row.infer_config !== null && row.infer_config !== row.train_config ? `; inference ${row.infer_config}` : '';
    return `${row.backend} (${row.device === 'gpu' ? `${row.device_name}, ` : ''}${row.train_config}${infer})`;
  }
  return row.adapter ? row.selection : row.backend;
}

/** One row as it is measured: "simple wasm-threads: train 31.2 img/s (batch 64), ...". */
export function printRow(row) {
  const infer = row.infer_batch === null ? '' : `, infer ${fmt(row.infer_img_s)} img/s (batch ${row.infer_batch})`;
  const note = row.note ? ` (${row.note})` : '';
  console.log(`${row.network} ${rowLabel(row)}: train ${fmt(row.train_img_s)} img/s (batch ${row.train_batch})${infer}, peak ${row.peak_rss_mb ?? '-'} MB${note}`);
}

/** The PyTorch figure a row's figure is compared with: same network, kind of device, phase and batch. */
function reference(rows, row, phase) {
  const batch = row[`${phase}_batch`];
  const match = rows.find((r) => isPytorch(r) && r.network === row.network && r.device === row.device && r[`${phase}_batch`] === batch);
  return match?.[`${phase}_img_s`];
}

export function printTable(rows) {
  console.log('\n| network | backend | device | train batch | train img/s | vs PyTorch | infer batch | infer img/s | vs PyTorch | peak RSS MB |');
  console.log('|---|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    console.log(
      `| ${row.network} | ${rowLabel(row)} | ${row.device} | ${row.train_batch} | ${fmt(row.train_img_s)} | ${ratio(row.train_img_s, reference(rows, row, 'train'))} | ` +
        `${row.infer_batch ?? '-'} | ${fmt(row.infer_img_s)} | ${ratio(row.infer_img_s, reference(rows, row, 'infer'))} | ${row.peak_rss_mb ?? '-'} |`,
    );
  }
  for (const row of rows.filter((r) => r.note)) console.log(`- ${row.network}/${row.backend}/batch ${row.train_batch}: ${row.note}`);
}

export function printPytorchConfigs(rows) {
  const pytorch = rows.filter(isPytorch);
  if (pytorch.length === 0) return;
  console.log('\nPyTorch configurations, median images/s (each round); * the reference:');
  for (const row of pytorch) {
    const byPhase = [...row.configs].sort((a, b) => (a.phase === b.phase ? 0 : a.phase === 'train' ? -1 : 1));
    for (const c of byPhase) {
      const chosen = c.config === (c.phase === 'train' ? row.train_config : row.infer_config) ? ' *' : '';
      const rounds = c.rounds.map(fmt).join(', ');
      console.log(`  ${row.network} ${row.backend} ${c.phase} batch ${c.batch}: ${c.config} ${fmt(c.median_img_s)} (${rounds})${chosen}`);
    }
  }
}
