/**
 * `pec mailbox access-log ADDRESS [--json] [--limit N] [--since DATE] [--data DIR]`: the access
 * history of a mailbox, newest first: every login and failed login on SMTP, IMAP, POP3 and the web
 * with time, protocol, remote address, client ID and outcome. Attempts
 * on an address that has no mailbox are shown too: they are how guessing shows up.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { AccessLogEntry } from '../../ports/access-log.ts';
import { createAccessHistory } from '../../services/access-history/create-access-history.ts';
import { storesAction, refuse, type DataOption } from './mailbox-action.ts';

export interface AccessLogJson {
  /** ISO 8601, UTC. */
  readonly at: string;
  readonly address: string;
  readonly protocol: AccessLogEntry['protocol'];
  readonly outcome: AccessLogEntry['outcome'];
  readonly remoteAddress: string;
  readonly clientId: string | null;
}

export function describeAccessLogJson(entry: AccessLogEntry): AccessLogJson {
  return {
    at: entry.at.toISOString(),
    address: entry.address,
    protocol: entry.protocol,
    outcome: entry.outcome,
    remoteAddress: entry.remoteAddress,
    clientId: entry.clientId,
  };
}

/** An aligned table, one attempt per line, times in UTC. */
export function renderAccessLogTable(entries: readonly AccessLogEntry[]): string {
  const rows = [
    ['TIME (UTC)', 'PROTOCOL', 'OUTCOME', 'REMOTE ADDRESS', 'CLIENT'],
    ...entries.map((e) => [
      e.at
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d{3}Z$/, ''),
      e.protocol,
      e.outcome,
      e.remoteAddress,
      e.clientId ?? '-',
    ]),
  ];
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map(
      (row) =>
        `${row
          .map((cell, column) => cell.padEnd(widths[column] ?? 0))
          .join('  ')
          .trimEnd()}\n`,
    )
    .join('');
}

function parseLimit(value: string): number {
  if (!/^[1-9][0-9]{0,5}$/.test(value)) throw new InvalidArgumentError('a number from 1 to 999999.');
  return Number(value);
}

function parseSince(value: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError('a date is YYYY-MM-DD (or ISO 8601).');
  }
  return date;
}

interface AccessLogOptions extends DataOption {
  readonly json?: boolean;
  readonly limit: number;
  readonly since?: Date;
}

export function registerMailboxAccessLog(mailbox: Command): void {
  mailbox
    .command('access-log')
    .description('Show the access history of a mailbox: logins and failed logins, newest first')
    .argument('<address>', 'the mailbox (or any address that was tried)')
    .option('--json', 'print a JSON array (fields: at, address, protocol, outcome, remoteAddress, clientId)')
    .option('--limit <n>', 'most attempts shown', parseLimit, 100)
    .option('--since <date>', 'only attempts from this date (YYYY-MM-DD or ISO 8601)', parseSince)
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (address: string, options: AccessLogOptions) => {
      await storesAction(options, async (ctx) => {
        const wanted = address.trim().toLowerCase();
        const history = createAccessHistory({ log: ctx.storage.accessLog });
        const entries = await history.list({
          address: wanted,
          limit: options.limit,
          ...(options.since === undefined ? {} : { since: options.since }),
        });
        const mailbox = await ctx.storage.accounts.findMailboxByAddress(wanted);
        if (mailbox === undefined && entries.length === 0) {
          refuse(`no mailbox ${wanted} and no login attempt recorded for it`);
          return;
        }
        if (options.json === true) {
          process.stdout.write(`${JSON.stringify(entries.map(describeAccessLogJson), null, 2)}\n`);
          return;
        }
        const what = mailbox === undefined ? 'attempts on unknown address' : 'access history of';
        process.stdout.write(`pec: ${what} ${wanted}: ${entries.length} shown, newest first\n`);
        if (entries.length > 0) process.stdout.write(renderAccessLogTable(entries));
      });
    });
}
