// How the benchmark children speak to bench.mjs (apart from workspace.mjs, which the GPU
// bundle replaces: it loads the packages differently).

/** Peak resident set of this process, all threads, in MiB. */
export function peakRssMb() {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Children report to the parent through lines `BENCH {json}` on stdout. */
export function report(event) {
  process.stdout.write(`BENCH ${JSON.stringify(event)}\n`);
}
