import { describe, expect, it } from 'vitest';
import { diagnoseNoAdapter, type VulkanProbe } from './vulkan-diagnosis.js';

/** A machine described by its files, in place of the real one. */
function machine(files: string[], env: NodeJS.ProcessEnv = {}, platform: NodeJS.Platform = 'linux'): VulkanProbe {
  return {
    platform,
    env,
    exists: (path) => files.includes(path),
    list: (dir) => files.filter((f) => f.startsWith(`${dir}/`)).map((f) => f.slice(dir.length + 1)),
  };
}

const LOADER = '/usr/lib/x86_64-linux-gnu/libvulkan.so.1';

describe('diagnoseNoAdapter', () => {
  it('names the missing Vulkan loader', () => {
    expect(diagnoseNoAdapter(machine([]))).toMatch(/^no Vulkan loader: libvulkan\.so\.1 not found in .*\/usr\/lib\/x86_64-linux-gnu.* \(install it, e\.g\. apt-get install libvulkan1\)$/);
  });

  it('finds the loader on LD_LIBRARY_PATH', () => {
    expect(diagnoseNoAdapter(machine(['/opt/vk/libvulkan.so.1'], { LD_LIBRARY_PATH: '/opt/vk' }))).toMatch(/^no Vulkan driver/);
  });

  it('names the missing driver, and SwiftShader when chromium has it', () => {
    expect(diagnoseNoAdapter(machine([LOADER]))).toBe(
      'no Vulkan driver: no ICD manifest in /usr/local/share/vulkan/icd.d, /usr/share/vulkan/icd.d, /etc/vulkan/icd.d (install the GPU\'s Vulkan driver)',
    );
    expect(diagnoseNoAdapter(machine([LOADER, '/usr/lib/chromium/vk_swiftshader_icd.json']))).toMatch(
      /; without a GPU, VK_ICD_FILENAMES=\/usr\/lib\/chromium\/vk_swiftshader_icd\.json runs on the CPU \(slow\)\)$/,
    );
  });

  it('names a driver file that VK_ICD_FILENAMES or VK_DRIVER_FILES points to and that does not exist', () => {
    expect(diagnoseNoAdapter(machine([LOADER], { VK_ICD_FILENAMES: '/nope.json' }))).toBe(
      'no Vulkan driver: VK_ICD_FILENAMES names /nope.json, which does not exist',
    );
    expect(diagnoseNoAdapter(machine([LOADER, '/a.json'], { VK_DRIVER_FILES: '/a.json:/b.json' }))).toBe(
      'no Vulkan driver: VK_DRIVER_FILES names /b.json, which does not exist',
    );
  });

  it('says which installed drivers Dawn refused', () => {
    expect(diagnoseNoAdapter(machine([LOADER, '/usr/share/vulkan/icd.d/lvp_icd.x86_64.json']))).toBe(
      'Dawn found no GPU adapter on the installed Vulkan drivers (/usr/share/vulkan/icd.d/lvp_icd.x86_64.json)',
    );
  });

  it('names the graphics API elsewhere', () => {
    expect(diagnoseNoAdapter(machine([], {}, 'darwin'))).toBe('Dawn found no GPU adapter (no Metal device)');
  });
});
