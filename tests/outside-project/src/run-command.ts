import { spawn } from 'node:child_process';

/**
 * Runs `command` and resolves with its stdout; rejects with its output when it fails. The
 * package manager's npm_* variables (pnpm runs this test) are left out: they would configure
 * the npm run inside the outside project.
 */
export function runCommand(command: string, args: string[], cwd: string): Promise<string> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) exited with ${code}:\n${stdout}${stderr}`));
    });
  });
}
