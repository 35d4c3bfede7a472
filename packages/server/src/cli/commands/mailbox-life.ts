/**
 * `pec mailbox renew | plan | add-space | auto-renew`: the operator's actions on one box's term
 * (decision 0016). Each records an order in the ledger; renewal and plan change are refused, with
 * the reason and what to do, when the box's contents do not fit.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { formatQuotaSize } from '../../services/accounts/parse-quota-size.ts';
import type { BoxChange } from '../../services/box-life/create-box-life.ts';
import { boxLifeAction, dataHelp, euro, isoDay, parseSize, parseWhole } from './box-life-action.ts';
import type { DataOption } from './mailbox-action.ts';

function orderText(change: BoxChange): string {
  const { order } = change;
  if (order === undefined) return '';
  return order.status === 'paid'
    ? `; order ${order.id} (${euro(order.amountCents)}) paid`
    : `; order ${order.id} (${euro(order.amountCents)}) to be paid: pec order paid ${order.id}`;
}

export function registerMailboxLife(mailbox: Command): void {
  mailbox
    .command('renew')
    .description('Renew a box while active or within the grace period after expiry; its contents must fit')
    .argument('<address>', 'the mailbox')
    .addOption(new Option('--years <n>', 'years to add (1 to 5, default 1)').argParser(parseWhole).default(1))
    .option('--data <dir>', dataHelp)
    .action(async (address: string, options: DataOption & { readonly years: number }) => {
      await boxLifeAction(options, async (boxLife) => {
        const change = await boxLife.renew(address, options.years);
        process.stdout.write(
          `pec: renewed ${change.mailbox.address} until ${isoDay(change.mailbox.expiresAt)}${orderText(change)}\n`,
        );
      });
    });

  mailbox
    .command('plan')
    .description('Move a box to another plan (down only if its contents fit)')
    .argument('<address>', 'the mailbox')
    .argument('<plan>', 'the plan (pec plan list)')
    .option('--data <dir>', dataHelp)
    .action(async (address: string, plan: string, options: DataOption) => {
      await boxLifeAction(options, async (boxLife) => {
        const change = await boxLife.changePlan(address, plan);
        process.stdout.write(
          `pec: ${change.mailbox.address} is on plan ${change.mailbox.plan ?? ''} with quota ` +
            `${formatQuotaSize(change.mailbox.quotaBytes)}${orderText(change)}\n`,
        );
      });
    });

  mailbox
    .command('add-space')
    .description('Buy extra space for a box until its expiry (prorated)')
    .argument('<address>', 'the mailbox')
    .argument('<size>', 'space to add, e.g. 1G', parseSize)
    .option('--data <dir>', dataHelp)
    .action(async (address: string, size: number, options: DataOption) => {
      await boxLifeAction(options, async (boxLife) => {
        const change = await boxLife.addSpace(address, size);
        process.stdout.write(
          `pec: ${change.mailbox.address} now has a quota of ${formatQuotaSize(change.mailbox.quotaBytes)}${orderText(change)}\n`,
        );
      });
    });

  mailbox
    .command('auto-renew')
    .description('Switch automatic renewal on or off (first charge a week before expiry, retried daily)')
    .argument('<address>', 'the mailbox')
    .argument('<switch>', 'on or off', (value: string) => {
      if (value !== 'on' && value !== 'off') throw new InvalidArgumentError('on or off');
      return value;
    })
    .option('--data <dir>', dataHelp)
    .action(async (address: string, value: 'on' | 'off', options: DataOption) => {
      await boxLifeAction(options, async (boxLife) => {
        await boxLife.setAutoRenew(address, value === 'on');
        process.stdout.write(`pec: automatic renewal of ${address.trim().toLowerCase()} is ${value}\n`);
      });
    });
}
