import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/** The environment variable that overrides the cache directory. */
export const CACHE_DIR_ENV = 'RESNET_CACHE_DIR';

/**
 * Where resnet caches downloads and extracted data: $RESNET_CACHE_DIR if set; else
 * $XDG_CACHE_HOME/resnet (ignored when relative, as the XDG spec says), ~/.cache/resnet on
 * Linux, ~/Library/Caches/resnet on macOS, %LOCALAPPDATA%\resnet\Cache on Windows.
 */
export function defaultCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const override = env[CACHE_DIR_ENV];
  if (override) return resolve(override);
  if (platform === 'win32') {
    return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'resnet', 'Cache');
  }
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'resnet');
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.cache'), 'resnet');
}
