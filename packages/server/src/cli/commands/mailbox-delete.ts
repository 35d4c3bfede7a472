/**
 * `pec mailbox delete ADDRESS`: removes the mailbox with its messages, folders and password; the
 * address stays reserved to its holder (decisions 0016, 0019): `pec mailbox add` gives it back with the holder's
 * tax code, or to someone else only with `--reuse-reserved`.
 */
import type { Command } from 'commander';
import { createRetireAccounts } from '../../services/accounts/retire-accounts.ts';
import { storesAction, type DataOption } from './mailbox-action.ts';

export function registerMailboxDelete(mailbox: Command): void {
  mailbox
    .command('delete')
    .description(
      "Delete a mailbox's messages, folders and password; its address stays reserved to the holder",
    )
    .argument('<address>', 'the mailbox')
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (address: string, options: DataOption) => {
      await storesAction(options, async (ctx) => {
        const removed = await createRetireAccounts({
          storage: ctx.storage,
          blobs: ctx.blobs,
          clock: ctx.clock,
        }).deleteMailbox(address);
        process.stdout.write(
          `pec: deleted mailbox ${removed.address}: ${removed.removedMessages} message(s), ` +
            `${removed.freedBytes} bytes removed\n` +
            `pec: the address stays reserved: \`pec mailbox add ${removed.address} --tax-code <the holder's>\` ` +
            `gives it back to its holder, --reuse-reserved to someone else\n`,
        );
      });
    });
}
