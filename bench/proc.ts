import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Process helpers of the bench: peak memory, and children that run TypeScript entry points. */

/** Peak resident set size (VmHWM) of a process, in MB; this process by default. */
export function peakRssMb(pid: number | 'self' = 'self'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** `node --import tsx <script>`: node itself, so signals and /proc reach the real process. */
export function nodeArgs(script: string, args: string[] = [], nodeFlags: string[] = []): string[] {
  return [...nodeFlags, '--import', 'tsx', script, ...args];
}

/** Runs a bench child to completion and parses the JSON line it prints last. */
export async function runChild<T>(script: string, args: string[], opts: { nodeFlags?: string[]; env?: Record<string, string> } = {}): Promise<T> {
  const child = spawn(process.execPath, nodeArgs(script, args, opts.nodeFlags), { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...opts.env } });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`${script} exited with ${code}`);
  const last = out.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as T;
}
