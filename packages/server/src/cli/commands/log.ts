/**
 * `pec log search [--msgid --from --to --since --until --limit] [--json]` and `pec log verify`:
 * the registro dei log (pec-spec §6.4). `verify` recomputes the hash chain and checks every daily
 * RFC 3161 token (pec-spec §8.5), exits 1 when an entry was changed, removed or reordered or a token
 * does not verify, and names the first day that fails. `pec log extract (--message ID | --from
 * ISO --to ISO [--mailbox ADDR]) --out DIR` writes the signed log extract of a message or a period
 * (decision 0022): JSON, PDF, the PDF signed as .p7m, and the daily tokens that cover the entries.
 */
import type { Command } from 'commander';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { logExtractDependencies } from '../../app/log-extract-dependencies.ts';
import { openProvider } from '../../app/open-provider.ts';
import type { LogExtractSelection } from '../../services/log-register/extract-log.ts';
import { exportLogExtract } from '../../services/log-register/export-log-extract.ts';
import type { LegalLogQuery } from '../../ports/legal-log.ts';
import { renderLogEntryLine, searchLog } from '../../services/log-register/search-log.ts';
import { verifyLogWithTimestamps } from '../../services/log-register/verify-log-timestamps.ts';
import { refuse } from './mailbox-action.ts';
import { readTsaCertificate } from './read-tsa-certificate.ts';
import { cliEnvironment, dataDirOf, type DataOption } from './serve.ts';

interface SearchOptions extends DataOption {
  readonly msgid?: string;
  readonly from?: string;
  readonly to?: string;
  readonly since?: string;
  readonly until?: string;
  readonly limit?: string;
  readonly json?: boolean;
}

function parseTime(value: string, flag: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`${flag}: not a date or ISO 8601 time: ${value}`);
  return date;
}

function queryOf(options: SearchOptions): LegalLogQuery {
  const limit = options.limit === undefined ? undefined : Number(options.limit);
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) {
    throw new Error(`--limit: not a positive integer: ${options.limit ?? ''}`);
  }
  return {
    ...(options.msgid === undefined ? {} : { msgid: options.msgid }),
    ...(options.from === undefined ? {} : { sender: options.from }),
    ...(options.to === undefined ? {} : { recipient: options.to }),
    ...(options.since === undefined ? {} : { since: parseTime(options.since, '--since') }),
    ...(options.until === undefined ? {} : { until: parseTime(options.until, '--until') }),
    ...(limit === undefined ? {} : { limit }),
  };
}

interface ExtractOptions extends DataOption {
  readonly message?: string;
  readonly from?: string;
  readonly to?: string;
  readonly mailbox?: string;
  readonly out: string;
}

function selectionOf(options: ExtractOptions): LogExtractSelection {
  const period = options.from !== undefined || options.to !== undefined || options.mailbox !== undefined;
  if (options.message !== undefined) {
    if (period) throw new Error('give either --message or --from/--to, not both');
    return { message: options.message };
  }
  if (options.from === undefined || options.to === undefined) {
    throw new Error('give --message ID, or --from and --to (ISO 8601)');
  }
  const from = parseTime(options.from, '--from');
  const to = parseTime(options.to, '--to');
  if (to.getTime() <= from.getTime()) throw new Error('--to must be after --from');
  return { from, to, ...(options.mailbox === undefined ? {} : { mailbox: options.mailbox }) };
}

export function registerLog(program: Command): void {
  const log = program.command('log').description('The legal log (registro dei log, pec-spec §6.4)');
  log
    .command('search')
    .description('List log entries, oldest first')
    .option('--msgid <id>', 'identificativo or Message-ID (the entry or a related message)')
    .option('--from <address>', 'sender address')
    .option('--to <address>', 'recipient address')
    .option('--since <time>', 'from this time, inclusive (ISO 8601)')
    .option('--until <time>', 'before this time (ISO 8601)')
    .option('--limit <n>', 'at most n entries (default 1000)')
    .option('--json', 'print the entries as JSON')
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (options: SearchOptions) => {
      const query = queryOf(options);
      const ctx = await openProvider({ dataDir: dataDirOf(options), env: cliEnvironment() });
      try {
        const entries = await searchLog(ctx.storage, query);
        process.stdout.write(
          options.json === true
            ? `${JSON.stringify(entries, null, 2)}\n`
            : entries.length === 0
              ? 'pec: no log entries match\n'
              : entries.map((entry) => `${renderLogEntryLine(entry)}\n`).join(''),
        );
      } finally {
        await ctx.close();
      }
    });
  log
    .command('verify')
    .description(
      'Check the hash chain of the log and its daily time stamps; exit 1 naming the first day that fails',
    )
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (options: DataOption) => {
      const ctx = await openProvider({ dataDir: dataDirOf(options), env: cliEnvironment() });
      try {
        const result = await verifyLogWithTimestamps({
          legalLog: ctx.storage.legalLog,
          timestamps: ctx.storage.logTimestamps,
          tsaCertificate: await readTsaCertificate(ctx.config.config.logTimestamp.tsaCertificateFile),
        });
        const { chain, firstFailure } = result;
        const lines = chain.ok
          ? [`log chain OK: ${chain.checked} entries verified`]
          : [`log chain BROKEN at entry ${chain.firstBadSeq ?? '?'} (${chain.checked} entries checked)`];
        if (result.stampedDays > 0) lines.push(`daily time stamps OK: ${result.stampedDays} days`);
        if (firstFailure !== undefined) {
          lines.push(`first failing day: ${firstFailure.day}: ${firstFailure.problem}`);
        }
        process.stdout.write(lines.map((line) => `${line}\n`).join(''));
        if (!result.ok) process.exitCode = 1;
      } finally {
        await ctx.close();
      }
    });
  log
    .command('extract')
    .description(
      'Write the signed log extract of one message or a period: JSON, PDF, PDF.p7m and the daily time-stamp tokens',
    )
    .option('--message <id>', 'identificativo or Message-ID of the message')
    .option('--from <time>', 'period start, inclusive (ISO 8601)')
    .option('--to <time>', 'period end, exclusive (ISO 8601)')
    .option('--mailbox <address>', 'only entries with this address as sender or recipient (with a period)')
    .requiredOption('--out <dir>', 'folder to write the files into (created when missing)')
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (options: ExtractOptions) => {
      let selection: LogExtractSelection;
      try {
        selection = selectionOf(options);
      } catch (error) {
        refuse(error instanceof Error ? error.message : String(error));
        return;
      }
      const ctx = await openProvider({ dataDir: dataDirOf(options), env: cliEnvironment() });
      try {
        const files = await exportLogExtract(await logExtractDependencies(ctx), selection);
        for (const file of files.all) {
          const path = join(options.out, file.name);
          await mkdir(dirname(path), { recursive: true });
          await writeFile(path, file.bytes);
        }
        const { extract } = files;
        const sealed = extract.seals.filter((seal) => seal.token !== null).length;
        process.stdout.write(
          `pec: ${extract.entries.length} entries, ${sealed} daily time stamps, ` +
            `checks ${extract.allPassed ? 'passed' : 'FAILED'}; ${files.all.length} files in ${options.out}\n`,
        );
        if (!extract.allPassed) process.exitCode = 1;
      } finally {
        await ctx.close();
      }
    });
}
