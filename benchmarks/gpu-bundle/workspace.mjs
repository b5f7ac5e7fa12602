// The GPU bundle's stand-in for ../workspace.mjs (build.mjs puts it in its place): the same
// packages, imported statically so that esbuild follows them into the bundle. The optional
// `webgpu` package stays a package beside the bundle (node_modules/webgpu), imported by name.
import * as tf from '@tensorflow/tfjs';
import * as backendMain from '../../packages/backend/dist/index.js';
import * as backendNode from '../../packages/backend/dist/node/index.js';
import * as model from '../../packages/model/dist/index.js';
import * as trainer from '../../packages/trainer/dist/index.js';

export async function loadWorkspace() {
  return { tf, backend: { ...backendMain, ...backendNode }, model, trainer };
}
