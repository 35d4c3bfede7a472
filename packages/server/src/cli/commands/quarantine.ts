/**
 * `pec quarantine list [--point P] [--address A] [--since T] [--until T] [--limit N] [--json]`,
 * `show ID`, `export ID --out FILE`, `purge`, and `release|delete ID`: the quarantine of infected
 * messages (pec-spec §2.1, §3.8; DPR 68/2005 art. 12) as operators see it. `export` writes the
 * message byte-exact (for analysis or an authority); `purge` removes what is past its retention now;
 * `release` and `delete` always refuse, naming the rule (services/quarantine/quarantine-desk.ts).
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { operatorQuarantine } from '../../app/operator-quarantine.ts';
import {
  quarantinePoints,
  type QuarantinePoint,
  type QuarantineRecord,
} from '../../ports/quarantine-store.ts';
import {
  applyQuarantineRule,
  findQuarantined,
  listQuarantine,
  purgeExpiredQuarantine,
  readQuarantined,
  type QuarantineFilter,
} from '../../services/quarantine/quarantine-desk.ts';
import { refuse, type DataOption } from './mailbox-action.ts';
import { providerAction } from './route.ts';

interface ListOptions extends DataOption {
  readonly point?: string;
  readonly address?: string;
  readonly since?: string;
  readonly until?: string;
  readonly limit?: string;
  readonly json?: boolean;
}

function filterOf(options: ListOptions): QuarantineFilter | string {
  if (options.point !== undefined && !quarantinePoints.includes(options.point as QuarantinePoint)) {
    return `--point must be one of ${quarantinePoints.join(', ')}`;
  }
  const dates: Record<string, Date> = {};
  for (const [flag, value] of [
    ['since', options.since],
    ['until', options.until],
  ] as const) {
    if (value === undefined) continue;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return `--${flag}: not a date or ISO 8601 time: ${value}`;
    dates[flag] = date;
  }
  const limit = options.limit === undefined ? undefined : Number(options.limit);
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) {
    return `--limit: not a positive integer: ${options.limit ?? ''}`;
  }
  return {
    ...(options.point === undefined ? {} : { point: options.point as QuarantinePoint }),
    ...(options.address === undefined ? {} : { address: options.address }),
    ...dates,
    ...(limit === undefined ? {} : { limit }),
  };
}

function renderLine(record: QuarantineRecord): string {
  return (
    `${record.id}  ${record.detectedAt}  ${record.point}  ${record.signature}  ` +
    `${record.sender === '' ? '<>' : record.sender} -> ${record.recipients.join(',')}` +
    `${record.identifier === undefined ? '' : `  ${record.identifier}`}  kept until ${record.retainUntil}\n`
  );
}

export function registerQuarantine(program: Command): void {
  const quarantine = program
    .command('quarantine')
    .description('Infected messages kept for 30 months (pec-spec §2.1): list, show, export, purge');

  quarantine
    .command('list')
    .description('List detections, newest first')
    .option('--point <point>', `where it was found: ${quarantinePoints.join(', ')}`)
    .option('--address <address>', 'the sender or a recipient')
    .option('--since <time>', 'detected at or after (ISO 8601)')
    .option('--until <time>', 'detected before (ISO 8601)')
    .option('--limit <n>', 'at most n records (default 1000)')
    .option('--json', 'print a JSON object with records and unreadable files')
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (options: ListOptions) => {
      const filter = filterOf(options);
      if (typeof filter === 'string') {
        refuse(filter);
        return;
      }
      await providerAction(options, async (ctx) => {
        const list = await listQuarantine(await operatorQuarantine(ctx), filter);
        if (options.json === true) process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        else if (list.records.length === 0)
          process.stdout.write('pec: the quarantine holds no such message\n');
        else process.stdout.write(list.records.map(renderLine).join(''));
        for (const file of list.unreadable)
          process.stderr.write(`pec: unreadable quarantine record ${file}\n`);
      });
    });

  quarantine
    .command('show')
    .description('Print one record as JSON')
    .argument('<id>', 'record id, as pec quarantine list shows it')
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (id: string, options: DataOption) => {
      await providerAction(options, async (ctx) => {
        const record = await findQuarantined(await operatorQuarantine(ctx), id);
        if (record === undefined) refuse(`no quarantine record ${id}`);
        else process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
      });
    });

  quarantine
    .command('export')
    .description('Write the infected message byte-exact to a file (for analysis or an authority)')
    .argument('<id>', 'record id')
    .requiredOption('--out <file>', 'file to write (.eml)')
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (id: string, options: DataOption & { readonly out: string }) => {
      await providerAction(options, async (ctx) => {
        const found = await readQuarantined(await operatorQuarantine(ctx), id);
        if (found === undefined) {
          refuse(`no quarantine record ${id}`);
          return;
        }
        await writeFile(options.out, found.bytes, { mode: 0o600 });
        process.stdout.write(
          `pec: wrote ${found.bytes.length} bytes (SHA-256 ${found.record.sha256}) to ${options.out}\n`,
        );
      });
    });

  quarantine
    .command('purge')
    .description('Remove now what is past its retention (the daily maintenance does the same)')
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (options: DataOption) => {
      await providerAction(options, async (ctx) => {
        const result = await purgeExpiredQuarantine(await operatorQuarantine(ctx));
        process.stdout.write(
          `pec: purged ${result.records} records and ${result.messages} messages; ${result.kept} records kept\n`,
        );
      });
    });

  for (const action of ['release', 'delete'] as const) {
    quarantine
      .command(action)
      .description(
        action === 'release'
          ? 'Refused by rule: an infected message is never delivered'
          : 'Refused by rule before the retention ends; the purge removes it after',
      )
      .argument('<id>', 'record id')
      .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
      .action(async (id: string, options: DataOption) => {
        await providerAction(options, async (ctx) => {
          refuse((await applyQuarantineRule(await operatorQuarantine(ctx), id, action)).message);
        });
      });
  }
}
