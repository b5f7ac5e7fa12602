// The GPU bundle's stand-in for ../workspace.mjs (build.mjs puts it in its place): the same
// packages, imported statically so that esbuild follows them into the bundle.
import * as tf from '@tensorflow/tfjs';
import * as backendMain from '../../packages/backend/dist/index.js';
import * as backendNode from '../../packages/backend/dist/node/index.js';
import * as model from '../../packages/model/dist/index.js';
import * as trainer from '../../packages/trainer/dist/index.js';

/**
 * The optional packages @resnet/backend loads by name. `webgpu` is in the bundle (its
 * dawn.node beside it); the tfjs-node ones are not, so they report themselves not installed.
 */
const importModule = (specifier) => (specifier === 'webgpu' ? import('webgpu') : import(specifier));

export async function loadWorkspace() {
  const setupNodeBackend = (choice, options) => backendNode.setupNodeBackend(choice, { ...options, importModule });
  return { tf, backend: { ...backendMain, ...backendNode, setupNodeBackend }, model, trainer };
}
