/**
 * `pec mailbox rules ADDRESS [--json] [--data DIR]`: the holder's rules on incoming messages
 * (decision 0026), printed as a Sieve script (RFC 5228) by default, or as JSON. Read-only: the
 * holder edits them in the webmail or through the API.
 */
import type { Command } from 'commander';
import { createIncomingMailSettings } from '../../services/incoming-mail/create-incoming-mail-settings.ts';
import { storesAction, refuse, type DataOption } from './mailbox-action.ts';

interface RulesOptions extends DataOption {
  readonly json?: boolean;
}

export function registerMailboxRules(mailbox: Command): void {
  mailbox
    .command('rules')
    .description("Print a mailbox's rules on incoming messages as a Sieve script (RFC 5228)")
    .argument('<address>', 'the mailbox')
    .option('--json', 'print the rules as JSON (id, position, name, enabled, match, conditions, actions)')
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (address: string, options: RulesOptions) => {
      await storesAction(options, async (ctx) => {
        const wanted = address.trim().toLowerCase();
        const found = await ctx.storage.accounts.findMailboxByAddress(wanted);
        if (found === undefined) {
          refuse(`no mailbox ${wanted}`);
          return;
        }
        const settings = createIncomingMailSettings({ storage: ctx.storage });
        if (options.json === true) {
          process.stdout.write(`${JSON.stringify(await settings.rules(found.id), null, 2)}\n`);
          return;
        }
        process.stdout.write((await settings.sieve(found.id)) ?? '');
      });
    });
}
