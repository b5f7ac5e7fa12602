import type { GpuAdapterReport } from '../backend-selection.js';

/** Software rasterizers that expose a GPU interface but compute on the CPU. */
const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe|warp|basic render/i;

/** What an adapter says of itself; `software` also catches drivers that do not flag themselves as fallbacks. */
export function adapterReport(adapter: GPUAdapter): GpuAdapterReport {
  const info = adapter.info;
  const fallback = (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
  const text = [info.vendor, info.architecture, info.device, info.description].join(' ');
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    software: fallback || SOFTWARE.test(text),
  };
}
