/**
 * `pec domain allowance DOMAIN [N|none]`: how many boxes the postmasters of a customer domain may
 * have (decision 0021); without N, prints the allowance and the boxes in use. Recorded in the
 * audit trail with the actor `cli`.
 */
import type { Command } from 'commander';
import { auditCli } from './admin-principal-commands.ts';
import { mailboxAction, refuse, type DataOption } from './mailbox-action.ts';

export function registerDomainAllowance(domain: Command): void {
  domain
    .command('allowance')
    .description("Show or set how many boxes a customer domain's postmasters may have ('none': no limit)")
    .argument('<domain>', 'the domain')
    .argument('[count]', 'the number of boxes, or none')
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (name: string, count: string | undefined, options: DataOption) => {
      await mailboxAction(options, async (ctx) => {
        const domainName = name.trim().toLowerCase();
        if ((await ctx.storage.accounts.getDomain(domainName)) === undefined) {
          refuse(`no domain ${domainName}`);
          return;
        }
        const used = await ctx.storage.accounts.countMailboxes({ domain: domainName });
        if (count === undefined) {
          const settings = await ctx.storage.admin.getDomainSettings(domainName);
          process.stdout.write(
            `${domainName}: ${String(used)} box(es) of ${settings.boxAllowance === null ? 'no limit' : String(settings.boxAllowance)}\n`,
          );
          return;
        }
        const allowance = count === 'none' ? null : Number(count);
        if (allowance !== null && (!Number.isSafeInteger(allowance) || allowance < 0)) {
          refuse('the allowance is a whole number of boxes, or none');
          return;
        }
        await ctx.storage.admin.updateDomainSettings(
          domainName,
          { boxAllowance: allowance },
          ctx.clock.now(),
        );
        await auditCli(
          ctx,
          'domain.allowance',
          domainName,
          allowance === null ? 'no limit' : String(allowance),
          domainName,
        );
        process.stdout.write(
          `pec: ${domainName} may have ${allowance === null ? 'any number of' : String(allowance)} box(es); ${String(used)} in use\n`,
        );
      });
    });
}
