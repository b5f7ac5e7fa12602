import { join } from 'node:path';

/** runs/<UTC timestamp>, e.g. runs/2025-01-31T12-00-00: sortable and safe in file names. */
export function defaultOutDir(now: Date = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replaceAll(':', '-');
  return join('runs', stamp);
}
