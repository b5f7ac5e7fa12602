import { existsSync } from 'node:fs';

/** The SwiftShader Vulkan driver inside Debian's chromium package: WebGPU on the CPU. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/**
 * Points the Vulkan loader at SwiftShader for this process, before Dawn starts: the machines
 * that run the tests have no GPU. `.ci/run` installs chromium and libvulkan1 for it.
 */
export function useSwiftShader(): void {
  if (!existsSync(SWIFTSHADER_ICD)) {
    throw new Error(`${SWIFTSHADER_ICD} is missing: install Debian's chromium and libvulkan1 (apt-get install chromium libvulkan1)`);
  }
  process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
}
