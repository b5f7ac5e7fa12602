// One benchmark child (tfjs-bench.mjs, pytorch_bench.py) run to completion or to its time cap.
import { spawn } from 'node:child_process';

/** Runs a child; resolves to its `BENCH {json}` events, whether it was capped, its exit code and stderr's end. */
export function runChild(command, args, capSeconds) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const events = [];
    let stderr = '';
    let pending = '';
    child.stdout.on('data', (chunk) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop();
      for (const line of lines) if (line.startsWith('BENCH ')) events.push(JSON.parse(line.slice(6)));
    });
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
    let capped = false;
    const timer = setTimeout(() => {
      capped = true;
      child.kill('SIGKILL');
    }, capSeconds * 1000);
    // A command that cannot start (python3 missing) ends here, with no 'close' after it.
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ events, capped, code: null, stderr: error.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ events, capped, code, stderr });
    });
  });
}

/** Why a child ended without a result, in one line. */
export function failureReason(run) {
  const tail = run.stderr.trim().split('\n').slice(-3).join(' | ');
  return `${run.capped ? 'capped' : `exit ${run.code}`}${tail ? `: ${tail}` : ''}`;
}
