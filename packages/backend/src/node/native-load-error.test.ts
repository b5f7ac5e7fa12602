import { describe, expect, it } from 'vitest';
import { describeNativeLoadError } from './native-load-error.js';

function errorWith(message: string, code?: string): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code });
}

describe('describeNativeLoadError', () => {
  it('says a package that is not installed is optional', () => {
    const error = errorWith(
      "Cannot find package '@tensorflow/tfjs-node' imported from /app/dist/node/native-backend.js",
      'ERR_MODULE_NOT_FOUND',
    );
    expect(describeNativeLoadError('@tensorflow/tfjs-node', error)).toMatch(/^not installed \(.*optional/);
  });

  it('does not call a missing dependency of the package "not installed"', () => {
    const error = errorWith("Cannot find package 'adm-zip' imported from /x/tfjs-node/dist/index.js", 'ERR_MODULE_NOT_FOUND');
    expect(describeNativeLoadError('@tensorflow/tfjs-node', error)).toBe(
      "failed to load: Cannot find package 'adm-zip' imported from /x/tfjs-node/dist/index.js",
    );
  });

  it('names the missing native binding and why pnpm left it out', () => {
    const error = errorWith(
      'The Node.js native addon module (tfjs_binding.node) can not be found at path: /x/lib/napi-v8/tfjs_binding.node. \n' +
        "Please run command 'npm rebuild @tensorflow/tfjs-node --build-addon-from-source'",
    );
    const reason = describeNativeLoadError('@tensorflow/tfjs-node', error);
    expect(reason).toMatch(/^native binding missing/);
    expect(reason).toContain('onlyBuiltDependencies');
  });

  it('names the CUDA library the GPU build could not open', () => {
    const error = errorWith('libcudnn.so.8: cannot open shared object file: No such file or directory');
    expect(describeNativeLoadError('@tensorflow/tfjs-node-gpu', error)).toMatch(/^CUDA library missing: libcudnn\.so\.8 /);
  });

  it('names a missing libtensorflow', () => {
    const error = errorWith('libtensorflow.so.2: cannot open shared object file: No such file or directory');
    expect(describeNativeLoadError('@tensorflow/tfjs-node', error)).toMatch(/^libtensorflow missing: libtensorflow\.so\.2 /);
  });

  it('keeps the first line of anything else', () => {
    expect(describeNativeLoadError('@tensorflow/tfjs-node', 'boom\nstack')).toBe('failed to load: boom');
  });
});
