/**
 * Test-only: runs the `pec` command as a child process (the same entry point as `npx pec`), without
 * blocking the event loop, and returns its exit code and output.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../pec-samples-dir.ts';

export const pecBin = join(repoRoot, 'packages/server/bin/pec.js');

export interface PecResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runPec(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<PecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [pecBin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `pec` and fails with its output unless it exits 0. */
export async function pecOk(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const result = await runPec(args, env);
  if (result.code !== 0) {
    throw new Error(`pec ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}
