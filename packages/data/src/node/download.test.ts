import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../data-error.js';
import { startLocalServer, type LocalServer } from '../test-utils/local-server.js';
import { cifarArchive, cifarFiles, tinyCifar10, withTempDir } from '../test-utils/tiny-cifar.js';
import type { DownloadProgress } from './download.js';
import { loadCifar10 } from './load-cifar10.js';

const data = tinyCifar10();
const archive = cifarArchive(cifarFiles(data));
const md5 = createHash('md5').update(archive).digest('hex');
const half = Math.floor(archive.length / 2);

/** Serves `archive`, honouring `Range: bytes=N-`. */
function serve(request: IncomingMessage, response: ServerResponse, body: Buffer = archive): void {
  const start = Number(/^bytes=(\d+)-$/.exec(request.headers.range ?? '')?.[1] ?? 0);
  if (start > 0) {
    response.writeHead(206, {
      'content-length': body.length - start,
      'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
    });
  } else {
    response.writeHead(200, { 'content-length': body.length });
  }
  response.end(body.subarray(start));
}

/**
 * Sends the headers for the whole archive and its first half, then hangs up once the client has
 * written that half to its partial file in `cacheDir` (so the resume point is known).
 */
function cutOffHalfway(response: ServerResponse, cacheDir: string): void {
  response.writeHead(200, { 'content-length': archive.length });
  response.write(archive.subarray(0, half));
  const deadline = Date.now() + 10_000;
  const poll = async (): Promise<void> => {
    const names = await readdir(cacheDir).catch(() => [] as string[]);
    const partial = names.find((name) => name.endsWith('.partial'));
    const size = partial ? (await stat(join(cacheDir, partial))).size : 0;
    if (size >= half || Date.now() > deadline) response.socket?.destroy();
    else setTimeout(() => void poll(), 5);
  };
  void poll();
}

/** Runs `body` against a local server whose handler knows the cache dir the test downloads into. */
async function withServer<T>(
  handle: (request: IncomingMessage, response: ServerResponse, index: number, cacheDir: string) => void,
  body: (server: LocalServer, cacheDir: string) => Promise<T>,
): Promise<T> {
  return withTempDir(async (dir) => {
    const cacheDir = join(dir, 'cache');
    const server = await startLocalServer((request, response, index) => handle(request, response, index, cacheDir));
    try {
      return await body(server, cacheDir);
    } finally {
      await server.close();
    }
  });
}

const fast = { retries: 2, retryDelayMs: 5, timeoutMs: 2_000 };

describe('loadCifar10 downloads', () => {
  it('resumes with an HTTP Range request after the server cuts off halfway', async () => {
    await withServer(
      (request, response, index, cacheDir) => (index === 0 ? cutOffHalfway(response, cacheDir) : serve(request, response)),
      async (server, cacheDir) => {
        const progress: DownloadProgress[] = [];
        const loaded = await loadCifar10({
          source: `${server.url}/cifar-10-binary.tar.gz`,
          cacheDir,
          md5,
          onProgress: (p) => progress.push(p),
          ...fast,
        });
        expect(loaded.test.count).toBe(data.test.count);
        expect(Buffer.compare(loaded.train.images, data.train.images)).toBe(0);
        expect(server.requests).toHaveLength(2);
        expect(server.requests[1].headers.range).toBe(`bytes=${half}-`);
        const last = progress[progress.length - 1];
        expect(last).toMatchObject({ receivedBytes: archive.length, totalBytes: archive.length, etaSeconds: 0 });
        expect(last.bytesPerSecond).toBeGreaterThan(0);
        const cached = await readdir(cacheDir);
        expect(cached.filter((name) => name.endsWith('.partial'))).toEqual([]);
        expect(cached.filter((name) => name.endsWith('cifar-10-binary.tar.gz'))).toHaveLength(1);
      },
    );
  });

  it('keeps a partial download when it fails and resumes it on the next call', async () => {
    await withServer(
      (request, response, index, cacheDir) => (index === 0 ? cutOffHalfway(response, cacheDir) : serve(request, response)),
      async (server, cacheDir) => {
        const options = { source: `${server.url}/c.tar.gz`, cacheDir, md5, ...fast };
        await expect(loadCifar10({ ...options, retries: 0 })).rejects.toThrow(/resumes next time/);
        expect((await loadCifar10(options)).train.count).toBe(data.train.count);
        expect(server.requests[1].headers.range).toBe(`bytes=${half}-`);
      },
    );
  });

  it('times out a stalled download and resumes it', async () => {
    await withServer(
      (request, response, index) => {
        if (index > 0) return serve(request, response);
        response.writeHead(200, { 'content-length': archive.length });
        response.write(archive.subarray(0, half)); // then nothing: a stall
      },
      async (server, cacheDir) => {
        const loaded = await loadCifar10({ source: `${server.url}/c.tar.gz`, cacheDir, md5, ...fast, timeoutMs: 1_000 });
        expect(loaded.train.count).toBe(data.train.count);
        expect(server.requests[1].headers.range).toMatch(/^bytes=[1-9]\d*-$/);
      },
    );
  });

  it('starts over when the server ignores the range', async () => {
    await withServer(
      (_request, response, index, cacheDir) =>
        index === 0 ? cutOffHalfway(response, cacheDir) : serve({ headers: {} } as IncomingMessage, response),
      async (server, cacheDir) => {
        const loaded = await loadCifar10({ source: `${server.url}/c.tar.gz`, cacheDir, md5, ...fast });
        expect(Buffer.compare(loaded.test.images, data.test.images)).toBe(0);
      },
    );
  });

  it('rejects a checksum mismatch and leaves nothing in the cache', async () => {
    await withServer((request, response) => serve(request, response), async (server, cacheDir) => {
      const error = await loadCifar10({ source: `${server.url}/c.tar.gz`, cacheDir, md5: '0'.repeat(32), ...fast }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DataError);
      expect((error as Error).message).toMatch(new RegExp(`c\\.tar\\.gz: md5 mismatch: expected 0{32}, got ${md5}`));
      expect(await readdir(cacheDir)).toEqual([]);
    });
  });

  it('does not retry an HTTP 404', async () => {
    await withServer(
      (_request, response) => response.writeHead(404).end(),
      async (server, cacheDir) => {
        await expect(loadCifar10({ source: `${server.url}/missing.tar.gz`, cacheDir, ...fast })).rejects.toThrow(
          /missing\.tar\.gz: HTTP 404/,
        );
        expect(server.requests).toHaveLength(1);
      },
    );
  });

  it('offline with no local copy: says what it tried and how to pass a file', async () => {
    const server = await startLocalServer(() => undefined);
    await server.close(); // nothing listens on this port any more
    await withTempDir(async (dir) => {
      const source = `${server.url}/cifar-10-binary.tar.gz`;
      const error = await loadCifar10({ source, cacheDir: dir, ...fast }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataError);
      const message = (error as Error).message;
      expect(message).toContain(`not in the cache (${dir}/`);
      expect(message).toContain(`download of ${source} failed after 3 attempts: fetch failed: ECONNREFUSED`);
      expect(message).toMatch(/Offline\? Pass a local copy as the source: a \.tar\.gz archive/);
    });
  });
});
