import { describe, expect, it } from 'vitest';
import { defaultCacheDir } from './cache-dir.js';

describe('defaultCacheDir', () => {
  it('prefers RESNET_CACHE_DIR', () => {
    expect(defaultCacheDir({ RESNET_CACHE_DIR: '/data/cache', XDG_CACHE_HOME: '/x' }, 'linux', '/home/u')).toBe(
      '/data/cache',
    );
  });

  it('follows XDG on Linux, ignoring a relative XDG_CACHE_HOME', () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/u')).toBe('/xdg/resnet');
    expect(defaultCacheDir({ XDG_CACHE_HOME: 'rel' }, 'linux', '/home/u')).toBe('/home/u/.cache/resnet');
    expect(defaultCacheDir({}, 'linux', '/home/u')).toBe('/home/u/.cache/resnet');
  });

  it('uses the platform cache folders on macOS and Windows', () => {
    expect(defaultCacheDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Caches/resnet');
    expect(defaultCacheDir({ LOCALAPPDATA: '/appdata' }, 'win32', '/home/u')).toMatch(/appdata.resnet.Cache$/);
  });
});
