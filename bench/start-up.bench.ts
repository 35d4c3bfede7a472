/**
 * Start-up of the `pec` command (decision 0020): wall time of `pec mailbox list` on an initialised
 * provider, from the bundled JavaScript (when `npm run build` has made a fresh one) and from the
 * TypeScript sources through tsx, next to a bare `node -e 0` measured in the same run. Median of 5.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from './core-signing.bench.ts';

const pecBin = join(import.meta.dirname, '..', 'packages', 'server', 'bin', 'pec.js');

function medianMs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): number {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[2] ?? NaN;
}

export function benchStartUp(): BenchRow[] {
  const dataDir = mkdtempSync(join(tmpdir(), 'pec-bench-start-'));
  try {
    const init = spawnSync(
      process.execPath,
      [pecBin, 'init', '--domain', 'pec.example.it', '--data', dataDir],
      {
        encoding: 'utf8',
      },
    );
    if (init.status !== 0) throw new Error(`pec init failed: ${init.stderr}`);
    const list = [pecBin, 'mailbox', 'list', '--data', dataDir];
    const bare = medianMs(['-e', '0']);
    const fromSources = medianMs(list, { ...process.env, PEC_FROM_SOURCES: '1' });
    const bundled = existsSync(join(import.meta.dirname, '..', 'packages', 'server', 'dist', '.build-stamp'))
      ? medianMs(list)
      : NaN;
    const ratio = (ms: number): string => `${(ms / bare).toFixed(1)} × a bare node start`;
    return [
      { name: 'bare `node -e 0` start (reference)', value: bare, unit: 'ms' },
      {
        name: '`pec mailbox list`, bundled JavaScript (npm run build)',
        value: bundled,
        unit: 'ms',
        ratio: ratio(bundled),
      },
      {
        name: '`pec mailbox list`, TypeScript sources through tsx',
        value: fromSources,
        unit: 'ms',
        ratio: ratio(fromSources),
      },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
