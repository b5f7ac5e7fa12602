import { open, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataError } from '../data-error.js';
import { fileSize } from './path-stat.js';

export interface DownloadProgress {
  /** Bytes on disk so far, including a resumed partial download. */
  receivedBytes: number;
  /** Full size, when the server says. */
  totalBytes?: number;
  /** Average rate of this attempt. */
  bytesPerSecond: number;
  etaSeconds?: number;
}

export interface DownloadOptions {
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  /** Give up on an attempt when no data arrives for this long; default 30,000 ms. */
  timeoutMs?: number;
  /** Further attempts after a network failure, each resuming; default 3. */
  retries?: number;
  /** Wait before the first retry, doubled for each next one; default 1,000 ms. */
  retryDelayMs?: number;
}

const PROGRESS_INTERVAL_MS = 100;

function describe(error: unknown): string {
  const { message, cause } = error as Error & { cause?: { code?: string; message?: string } };
  return cause ? `${message}: ${cause.code ?? cause.message}` : message;
}

/** The first byte and full size of a 206 answer, from `Content-Range: bytes 100-199/200`. */
function parseContentRange(header: string | null): { start: number; total?: number } | undefined {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(header ?? '');
  if (!match) return undefined;
  return { start: Number(match[1]), total: match[2] === '*' ? undefined : Number(match[2]) };
}

/**
 * One attempt: appends to `partial` from its current size with an HTTP Range request when it
 * has bytes, or starts over when the server ignores the range. DataErrors are not worth retrying.
 */
async function attempt(url: string, partial: string, options: DownloadOptions): Promise<void> {
  const { onProgress, timeoutMs = 30_000 } = options;
  const idle = new AbortController();
  let timer = setTimeout(() => idle.abort(new Error(`no data for ${timeoutMs} ms`)), timeoutMs);
  const restartTimer = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => idle.abort(new Error(`no data for ${timeoutMs} ms`)), timeoutMs);
  };
  const signal = options.signal ? AbortSignal.any([options.signal, idle.signal]) : idle.signal;
  try {
    let offset = (await fileSize(partial)) ?? 0;
    const headers: Record<string, string> = { 'accept-encoding': 'identity' };
    if (offset > 0) headers.range = `bytes=${offset}-`;
    const response = await fetch(url, { headers, signal });
    let total: number | undefined;
    if (response.status === 206) {
      const range = parseContentRange(response.headers.get('content-range'));
      if (range?.start !== offset) {
        await response.body?.cancel();
        await rm(partial, { force: true });
        throw new Error(`server resumed at the wrong offset (${response.headers.get('content-range')})`);
      }
      total = range.total;
    } else if (response.status === 200) {
      offset = 0;
      const length = response.headers.get('content-length');
      total = length === null ? undefined : Number(length);
    } else if (response.status === 416) {
      // Our partial file is not a prefix the server knows: start over.
      await response.body?.cancel();
      await rm(partial, { force: true });
      throw new Error('server refused to resume (HTTP 416)');
    } else {
      await response.body?.cancel();
      const message = `${url}: HTTP ${response.status} ${response.statusText}`;
      if (response.status >= 500 || response.status === 408 || response.status === 429) throw new Error(message);
      throw new DataError(message);
    }
    if (!response.body) throw new DataError(`${url}: empty response`);
    const file = await open(partial, offset > 0 ? 'a' : 'w');
    const started = performance.now();
    let received = offset;
    let reported = 0;
    const report = (): void => {
      const seconds = (performance.now() - started) / 1000;
      const bytesPerSecond = seconds > 0 ? (received - offset) / seconds : 0;
      onProgress?.({
        receivedBytes: received,
        totalBytes: total,
        bytesPerSecond,
        etaSeconds: total !== undefined && bytesPerSecond > 0 ? (total - received) / bytesPerSecond : undefined,
      });
    };
    try {
      const reader = response.body.getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        const chunk = next.value;
        restartTimer();
        await file.write(chunk);
        received += chunk.length;
        if (performance.now() - reported >= PROGRESS_INTERVAL_MS) {
          reported = performance.now();
          report();
        }
      }
    } finally {
      await file.close();
    }
    report();
    if (total !== undefined && received !== total) {
      throw new Error(`connection ended after ${received} of ${total} bytes`);
    }
  } catch (error) {
    // An abort surfaces as a generic AbortError; report why it aborted.
    if (signal.aborted && !(error instanceof DataError)) throw signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Downloads `url` into `partial`, resuming what an earlier attempt or run left there, retrying
 * network failures with exponential backoff. The caller verifies and renames the file.
 */
export async function downloadWithResume(url: string, partial: string, options: DownloadOptions = {}): Promise<void> {
  const { retries = 3, retryDelayMs = 1_000, signal } = options;
  for (let tryNumber = 0; ; tryNumber++) {
    try {
      await attempt(url, partial, options);
      return;
    } catch (error) {
      if (error instanceof DataError || signal?.aborted) throw error;
      if (tryNumber >= retries) {
        throw new DataError(`download of ${url} failed after ${tryNumber + 1} attempts: ${describe(error)}`, {
          cause: error,
        });
      }
      await sleep(retryDelayMs * 2 ** tryNumber, undefined, { signal });
    }
  }
}
