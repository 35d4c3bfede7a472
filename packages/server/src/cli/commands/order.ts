/**
 * `pec order list | paid | credit`: the built-in ledger (decision 0016). Orders are recorded for
 * renewals, extra space and plan changes; the operator marks them paid (an automatic renewal then
 * completes), or a holder's prepaid credit pays them at once.
 */
import { Option, type Command } from 'commander';
import { orderStatuses, type Order, type OrderStatus } from '../../ports/billing-store.ts';
import { boxLifeAction, dataHelp, euro, isoDay, parseEuro, parseWhole } from './box-life-action.ts';
import type { DataOption } from './mailbox-action.ts';

const orderJson = (o: Order) => ({
  id: o.id,
  address: o.address,
  kind: o.kind,
  description: o.description,
  amountCents: o.amountCents,
  status: o.status,
  applied: o.applied,
  termEnd: o.termEnd?.toISOString() ?? null,
  createdAt: o.createdAt.toISOString(),
  settledAt: o.settledAt?.toISOString() ?? null,
});

export function registerOrder(program: Command): void {
  const order = program
    .command('order')
    .description('The ledger: orders of renewals, space and plans; prepaid credit');

  order
    .command('list')
    .description('List the orders, newest first')
    .addOption(new Option('--status <status>', 'only orders in this state').choices(orderStatuses))
    .option('--address <address>', "only this box's orders")
    .option('--json', 'print a JSON array')
    .option('--data <dir>', dataHelp)
    .action(
      async (
        options: DataOption & {
          readonly status?: OrderStatus;
          readonly address?: string;
          readonly json?: boolean;
        },
      ) => {
        await boxLifeAction(options, async (boxLife) => {
          const orders = await boxLife.listOrders({
            ...(options.status === undefined ? {} : { status: options.status }),
            ...(options.address === undefined ? {} : { address: options.address }),
          });
          if (options.json === true) {
            process.stdout.write(`${JSON.stringify(orders.map(orderJson), null, 2)}\n`);
            return;
          }
          if (orders.length === 0) process.stdout.write('pec: no orders\n');
          for (const o of orders) {
            process.stdout.write(
              `${o.id}  ${o.status}  ${euro(o.amountCents)}  ${o.address}  ${o.kind}  ${o.description}  ` +
                `${isoDay(o.createdAt)}${o.applied ? '' : '  (applied when paid)'}\n`,
            );
          }
        });
      },
    );

  order
    .command('paid')
    .description('Mark an open order paid; an automatic renewal waiting for it completes')
    .argument('<id>', 'the order number', parseWhole)
    .option('--data <dir>', dataHelp)
    .action(async (id: number, options: DataOption) => {
      await boxLifeAction(options, async (boxLife) => {
        const result = await boxLife.payOrder(id);
        process.stdout.write(
          `pec: order ${id} paid (${euro(result.order.amountCents)})` +
            `${result.renewedUntil === undefined ? '' : `; ${result.order.address} renewed until ${isoDay(result.renewedUntil)}`}\n`,
        );
      });
    });

  order
    .command('credit')
    .description('Add prepaid credit to a box (negative to take it back); orders are paid from it')
    .argument('<address>', 'the mailbox')
    .argument('<euro>', 'amount in euro, e.g. 10 or 9.50', parseEuro)
    .option('--data <dir>', dataHelp)
    .action(async (address: string, cents: number, options: DataOption) => {
      await boxLifeAction(options, async (boxLife) => {
        const balance = await boxLife.addCredit(address, cents);
        process.stdout.write(`pec: credit of ${address.trim().toLowerCase()} is now ${euro(balance)}\n`);
      });
    });
}
