/**
 * `npm run bench`: runs every benchmark and prints a Markdown table. Figures are reported as ratios
 * against a reference measured in the same run (docs/benchmarks.md). `--seconds N` sets the time per
 * measurement (default 2); `--only NAME[,NAME]` runs only the named benchmarks (`core`, `start-up`,
 * `crypto-pool`, `provider`, `postfix`, `two-providers`, `imap`, `webmail`), e.g. `npm run bench -- --only two-providers`; `two-providers` also runs the
 * same scenario with one job at a time and a new connection per message, as the baseline of the run
 * (`--no-baseline` skips it); `--profile DIR` writes a CPU profile of each `pec serve` of the
 * provider and two-provider scenarios into DIR; `--connections N[,N]` sets its client SMTP connection counts (default
 * 4,16; each size runs once per count); `--webmail-messages N` sets the webmail folder's size (10,000).
 * `cluster` (not in the default run either) runs one provider on PostgreSQL as 1 node then as 2 `pec serve` nodes (decision 0058).
 * `soak` (not in the default run, name it with `--only soak`) loads two providers with 4 SMTP clients
 * each way for `--soak-seconds N` (default 60), drains and prints a verdict per check; a failed check
 * makes the run exit non-zero; `--soak-store postgres` runs it with each provider on PostgreSQL.
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { benchCoreSigning, type BenchRow } from './core-signing.bench.ts';
import { benchCryptoPool } from './crypto-pool.bench.ts';
import { benchStartUp } from './start-up.bench.ts';
import { benchProviderDelivery } from './provider-delivery.bench.ts';
import { benchTwoProviders } from './two-providers.bench.ts';
import { benchPostfixRelay } from './postfix-relay.bench.ts';
import { relayAgainstPostfix } from './relay-against-postfix.ts';

// The served processes run `pec`, which falls back to the TypeScript sources through tsx when the
// bundle is older than a source (packages/server/bin/pec.js): its loader hooks would then count as
// the server's CPU. Rebuild the bundle first so every run measures what `npm start` runs.
const built = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'build-dist.js')], {
  stdio: 'inherit',
});
if (built.status !== 0) throw new Error('bench: building the pec bundle failed');

const secondsFlag = process.argv.indexOf('--seconds');
const seconds = secondsFlag === -1 ? 2 : Number(process.argv[secondsFlag + 1] ?? 2);

const onlyFlag = process.argv.indexOf('--only');
const only = onlyFlag === -1 ? undefined : new Set((process.argv[onlyFlag + 1] ?? '').split(','));
const wanted = (name: string): boolean => only === undefined || only.has(name);

const profileFlag = process.argv.indexOf('--profile');
const profileDir = profileFlag === -1 ? undefined : process.argv[profileFlag + 1];
const connectionsFlag = process.argv.indexOf('--connections');
const connections =
  connectionsFlag === -1 ? undefined : (process.argv[connectionsFlag + 1] ?? '4').split(',').map(Number);
const messagesFlag = process.argv.indexOf('--webmail-messages');
const webmailMessages = messagesFlag === -1 ? 10_000 : Number(process.argv[messagesFlag + 1] ?? 10_000);

const soakFlag = process.argv.indexOf('--soak-seconds');
const soakSeconds = soakFlag === -1 ? 60 : Number(process.argv[soakFlag + 1] ?? 60);
const soakStoreFlag = process.argv.indexOf('--soak-store');
const soakStore =
  soakStoreFlag !== -1 && process.argv[soakStoreFlag + 1] === 'postgres' ? 'postgres' : 'sqlite';

const rows: BenchRow[] = [
  ...(wanted('core') ? await benchCoreSigning(seconds) : []),
  ...(wanted('start-up') ? benchStartUp() : []),
  ...(wanted('crypto-pool') ? await benchCryptoPool(seconds) : []),
  ...(wanted('provider')
    ? await benchProviderDelivery(seconds, profileDir === undefined ? {} : { profileDir })
    : []),
  // Before the two-provider rows, so that they can be read against it (a row after them says how).
  ...(wanted('postfix') ? await benchPostfixRelay() : []),
  ...(wanted('two-providers') && !process.argv.includes('--no-baseline')
    ? await benchTwoProviders(seconds, {
        baseline: true,
        ...(connections === undefined ? {} : { connections }),
      })
    : []),
  ...(wanted('two-providers')
    ? await benchTwoProviders(seconds, {
        ...(profileDir === undefined ? {} : { profileDir }),
        ...(connections === undefined ? {} : { connections }),
      })
    : []),
  ...(wanted('imap') ? await (await import('./imap-vs-dovecot.bench.ts')).benchImapVsDovecot() : []),
  ...(wanted('webmail') ? await (await import('./webmail.bench.ts')).benchWebmail(webmailMessages) : []),
  ...(only?.has('cluster') === true ? await (await import('./cluster.bench.ts')).benchCluster(seconds) : []),
  ...(only?.has('soak') === true
    ? await (await import('./soak.bench.ts')).benchSoak(soakSeconds, soakStore)
    : []),
];
rows.push(...relayAgainstPostfix(rows));
const cpu = cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(
  `Node ${process.version}, ${cpus().length} × ${cpu}, ${seconds} s per measurement\n\n` +
    '| Measurement | Value | Ratio to reference |\n|---|---:|---|\n' +
    rows
      .map((r) => `| ${r.name} | ${r.value.toFixed(1)} ${r.unit} | ${r.ratio ?? 'reference'} |`)
      .join('\n') +
    '\n',
);
