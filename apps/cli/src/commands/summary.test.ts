import { describe, expect, it } from 'vitest';
import { runCli } from '../test-utils/run-cli.js';

describe('resnet summary (spawned)', () => {
  it('prints the seed network with the Keras parameter counts', async () => {
    const { code, stdout } = await runCli(['summary', '--model', 'simple']);
    expect(code).toBe(0);
    expect(stdout).toContain('Model: "simple"');
    expect(stdout).toContain('Total params: 679,562');
    expect(stdout).toContain('Trainable params: 677,642');
    expect(stdout).toContain('Non-trainable params: 1,920');
  });

  it('prints ResNet-20 (option A) with 269,722 trainable parameters', async () => {
    const { code, stdout } = await runCli(['summary', '--model', 'resnet20']);
    expect(code).toBe(0);
    expect(stdout).toContain('Trainable params: 269,722');
  });

  it('exits 2 with the usage on an unknown preset', async () => {
    const { code, stderr } = await runCli(['summary', '--model', 'resnet21']);
    expect(code).toBe(2);
    expect(stderr).toContain("argument 'resnet21' is invalid");
    expect(stderr).toContain('Usage: resnet summary');
  });

  it('exits 1 naming the file when a spec file is missing', async () => {
    const { code, stderr } = await runCli(['summary', '--model', 'missing-spec.json']);
    expect(code).toBe(1);
    expect(stderr).toContain('--model missing-spec.json: cannot read the network spec');
  });
});
