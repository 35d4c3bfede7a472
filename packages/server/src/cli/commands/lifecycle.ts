/**
 * `pec lifecycle run [--at ISO-TIME]` applies every transition and notice of the boxes' calendar
 * due at that time (default now), once each across nodes (decision 0016); the server also runs it
 * daily. `pec lifecycle status [ADDRESS]` shows where boxes are on their calendar;
 * `pec lifecycle reserved` lists the addresses kept for the holders of deleted boxes.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { formatQuotaSize } from '../../services/accounts/parse-quota-size.ts';
import type { BoxStatus } from '../../services/box-life/create-box-life.ts';
import { boxLifeAction, dataHelp, isoDay } from './box-life-action.ts';
import type { DataOption } from './mailbox-action.ts';

function parseTime(value: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError('an ISO 8601 time, e.g. 2027-03-10T00:00:00Z');
  }
  return date;
}

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export const boxStatusJson = (s: BoxStatus) => ({
  address: s.address,
  plan: s.plan,
  state: s.state,
  activatedAt: iso(s.activatedAt),
  expiresAt: iso(s.expiresAt),
  deactivatesAt: iso(s.deactivatesAt),
  deletesAt: iso(s.deletesAt),
  quotaBytes: s.quotaBytes,
  usedBytes: s.usedBytes,
  extraQuotaBytes: s.extraQuotaBytes,
  autoRenew: s.autoRenew,
  canSend: s.canSend,
  receives: s.receives,
});

export function renderBoxStatus(s: BoxStatus): string {
  return (
    `${s.address}  ${s.state}  plan ${s.plan ?? 'none'}  expires ${isoDay(s.expiresAt)}` +
    (s.deactivatesAt === null
      ? ''
      : `  deactivates ${isoDay(s.deactivatesAt)}  deleted ${isoDay(s.deletesAt)}`) +
    `  ${formatQuotaSize(s.usedBytes)}/${formatQuotaSize(s.quotaBytes)}  ${s.canSend ? 'sends' : 'cannot send'}` +
    `  ${s.receives ? 'receives' : 'does not receive'}${s.autoRenew ? '  auto-renew' : ''}\n`
  );
}

export function registerLifecycle(program: Command): void {
  const lifecycle = program
    .command('lifecycle')
    .description("The boxes' life: expiry, deactivation, deletion, notices");

  lifecycle
    .command('run')
    .description('Apply every transition and notice due at a time (default now), each once')
    .addOption(
      new Option('--at <time>', 'the time to act as of, ISO 8601 (default now)').argParser(parseTime),
    )
    .option('--json', 'print what was done as a JSON array')
    .option('--data <dir>', dataHelp)
    .action(async (options: DataOption & { readonly at?: Date; readonly json?: boolean }) => {
      await boxLifeAction(options, async (boxLife) => {
        const actions = await boxLife.run(options.at);
        if (options.json === true) {
          process.stdout.write(`${JSON.stringify(actions, null, 2)}\n`);
          return;
        }
        if (actions.length === 0) process.stdout.write('pec: nothing due\n');
        for (const a of actions) process.stdout.write(`${a.address}  ${a.step}  ${a.detail}\n`);
      });
    });

  lifecycle
    .command('status')
    .description('Where a box (or every box) is on its calendar')
    .argument('[address]', 'one mailbox (default: every mailbox)')
    .option('--json', 'print JSON')
    .option('--data <dir>', dataHelp)
    .action(async (address: string | undefined, options: DataOption & { readonly json?: boolean }) => {
      await boxLifeAction(options, async (boxLife, ctx) => {
        const addresses =
          address === undefined
            ? (await ctx.storage.accounts.listMailboxes()).map((m) => m.address)
            : [address];
        const statuses = [];
        for (const each of addresses) statuses.push(await boxLife.status(each));
        if (options.json === true) {
          const json = statuses.map(boxStatusJson);
          process.stdout.write(`${JSON.stringify(address === undefined ? json : json[0], null, 2)}\n`);
          return;
        }
        for (const s of statuses) process.stdout.write(renderBoxStatus(s));
      });
    });

  lifecycle
    .command('reserved')
    .description('The addresses of deleted boxes, reserved to their holder')
    .option('--data <dir>', dataHelp)
    .action(async (options: DataOption) => {
      await boxLifeAction(options, async (_boxLife, ctx) => {
        const reserved = await ctx.storage.boxLife.listReservations();
        if (reserved.length === 0) process.stdout.write('pec: no reserved addresses\n');
        for (const r of reserved) {
          process.stdout.write(
            `${r.address}  holder ${r.holderTaxCode ?? '(unknown)'}  since ${isoDay(r.reservedAt)}\n`,
          );
        }
      });
    });
}
