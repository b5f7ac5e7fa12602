import type { TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

/** The uniforms a program adds to tfjs's own (shapes and strides of every tensor). */
export type ProgramUniforms = NonNullable<Parameters<WebGPUBackend['runWebGPUProgram']>[3]>;

/**
 * Runs `program` as one dispatch that writes its output and one more float32 tensor per shape
 * in `extraOutputShapes`; returns them in that order. tfjs binds one writable output per
 * program, so the extra outputs are bound as the last inputs (the last names of
 * `program.variableNames`), declared read_write in the shader by a device that rewrites the
 * source while this call compiles it. The rest (uniforms, bind groups, pipeline cache, command
 * batching, profiling timers, deferred release of buffers in flight) is the backend's, as for
 * any program: tfjs's, with the reuse of uniform buffers and bind groups set up at start.
 */
export function runMultiOutputProgram(
  backend: WebGPUBackend,
  program: WebGPUProgram,
  inputs: TensorInfo[],
  extraOutputShapes: number[][],
  uniforms?: ProgramUniforms,
): TensorInfo[] {
  const outputNames = program.variableNames.slice(inputs.length);
  if (outputNames.length !== extraOutputShapes.length) {
    throw new Error(`${program.shaderKey}: ${inputs.length} inputs and ${extraOutputShapes.length} extra outputs, but variableNames lists ${program.variableNames.length} tensors`);
  }
  const extras = extraOutputShapes.map((shape) => backend.makeTensorInfo(shape, 'float32'));
  const device = backend.device;
  backend.device = writableBindingsDevice(device, outputNames, program.shaderKey);
  try {
    return [backend.runWebGPUProgram(program, [...inputs, ...extras], 'float32', uniforms), ...extras];
  } catch (error) {
    for (const t of extras) backend.disposeData(t.dataId);
    throw error;
  } finally {
    backend.device = device;
  }
}

/** `device`, whose shader modules declare the storage buffers `names` read_write. */
function writableBindingsDevice(device: GPUDevice, names: string[], shaderKey: string): GPUDevice {
  return new Proxy(device, {
    get(target, property) {
      if (property === 'createShaderModule') {
        return (descriptor: GPUShaderModuleDescriptor) => target.createShaderModule({ ...descriptor, code: writable(descriptor.code, names, shaderKey) });
      }
      const value: unknown = Reflect.get(target, property, target);
      // Native methods need the real device as `this`.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function writable(code: string, names: string[], shaderKey: string): string {
  return names.reduce((source, name) => {
    const declaration = `var<storage, read> ${name}:`;
    if (!source.includes(declaration)) {
      throw new Error(`${shaderKey}: no '${declaration}' in the shader tfjs-backend-webgpu generated; its layout changed`);
    }
    return source.replace(declaration, `var<storage, read_write> ${name}:`);
  }, code);
}
