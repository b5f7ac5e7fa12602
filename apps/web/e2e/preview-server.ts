import { preview } from 'vite';

/** Serves the built app (dist/) on 127.0.0.1 with the config's COOP/COEP headers. */
export async function startPreview(appDir: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = await preview({ root: appDir, logLevel: 'warn', preview: { host: '127.0.0.1', port: 0, open: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  return { url, close: () => server.close() };
}
