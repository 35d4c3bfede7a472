/**
 * Test-only: `pec serve --data DIR` (or `pec start`) as a child process. Waits until it prints `ready`, reads the
 * ports it listens on from its `listening <name> … on <host>:<port>` lines, and stops it gracefully (SIGTERM) or
 * brutally (SIGKILL).
 */
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { pecBin } from './run-pec.ts';

export interface ServeProcess {
  /** The child's process id (for /proc/<pid>: its sockets and memory). */
  readonly pid: number;
  readonly submissionPort: number;
  readonly submissionsPort: number;
  /** Every listener's port by listener name (`smtp`, `submission`, `imaps`, `pop3s`, `http`, …). */
  readonly ports: Readonly<Record<string, number>>;
  /** Everything printed so far. */
  output(): string;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL (kill -9); resolves once the process is gone. */
  kill9(): Promise<void>;
}

export interface ServeProcessOptions {
  /** `serve` (default) or `start`. */
  readonly command?: 'serve' | 'start';
  readonly env?: NodeJS.ProcessEnv;
  /** More arguments after `--data DIR`, e.g. port flags. */
  readonly args?: readonly string[];
  readonly timeoutMs?: number;
  /** Node options before the script, e.g. `--cpu-prof` (not allowed in NODE_OPTIONS). */
  readonly nodeArgs?: readonly string[];
}

export function startServeProcess(dataDir: string, options: ServeProcessOptions = {}): Promise<ServeProcess> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      pecBin,
      options.command ?? 'serve',
      '--data',
      dataDir,
      ...(options.args ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env },
  );
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      resolve(code);
    });
  });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const output = () => `${stdout}${stderr === '' ? '' : `\n[stderr]\n${stderr}`}`;

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`pec serve not ready within ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`pec serve exited with ${code} before it was ready:\n${output()}`));
    });
    const check = () => {
      if (!stdout.includes('pec: ready')) return;
      child.stdout.off('data', check);
      clearTimeout(timer);
      const port = (name: string) => {
        const match = new RegExp(`listening ${name} \\(.*?\\) on \\S+:(\\d+)`).exec(stdout);
        if (match === null) throw new Error(`no ${name} listener in:\n${stdout}`);
        return Number(match[1]);
      };
      const ports: Record<string, number> = {};
      for (const [, name = '', value] of stdout.matchAll(/listening (\S+) \(.*?\) on \S+:(\d+)/g)) {
        ports[name] = Number(value);
      }
      resolve({
        pid: child.pid ?? 0,
        submissionPort: port('submission'),
        submissionsPort: port('submissions'),
        ports,
        output,
        async stop() {
          child.kill('SIGTERM');
          return exited;
        },
        async kill9() {
          child.kill('SIGKILL');
          await exited;
        },
      });
    };
    child.stdout.on('data', check);
  });
}
