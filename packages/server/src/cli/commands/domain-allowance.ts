/**
 * `pec domain allowance DOMAIN [N|none] [--plans P1,P2|all]`: how many boxes the postmasters of a
 * customer domain may have and which plans new boxes may take (decisions 0021, 0030); without N
 * and --plans, prints the allowance and the boxes in use. Recorded in the audit trail with the
 * actor `cli`.
 */
import type { Command } from 'commander';
import { isAccountError } from '../../services/accounts/account-error.ts';
import {
  domainAllowance,
  setDomainAllowance,
  type DomainAllowance,
  type DomainAllowancePatch,
} from '../../services/administration/domain-allowance.ts';
import { auditCli } from './admin-principal-commands.ts';
import { mailboxAction, refuse, type DataOption } from './mailbox-action.ts';

function described(allowance: DomainAllowance): string {
  const boxes = allowance.boxAllowance === null ? 'no limit' : String(allowance.boxAllowance);
  const plans = allowance.allowedPlans === null ? 'every plan' : `plans ${allowance.allowedPlans.join(', ')}`;
  return `${allowance.domain}: ${String(allowance.boxes)} box(es) of ${boxes}; ${plans}\n`;
}

export function registerDomainAllowance(domain: Command): void {
  domain
    .command('allowance')
    .description(
      "Show or set how many boxes a customer domain's postmasters may have ('none': no limit) and which plans",
    )
    .argument('<domain>', 'the domain')
    .argument('[count]', 'the number of boxes, or none')
    .option('--plans <names>', "the plans new boxes may take, comma-separated, or 'all'")
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (name: string, count: string | undefined, options: DataOption & { plans?: string }) => {
      await mailboxAction(options, async (ctx) => {
        try {
          if (count === undefined && options.plans === undefined) {
            process.stdout.write(described(await domainAllowance(ctx.storage, name)));
            return;
          }
          const boxAllowance = count === undefined ? undefined : count === 'none' ? null : Number(count);
          if (boxAllowance !== undefined && boxAllowance !== null && !Number.isSafeInteger(boxAllowance)) {
            refuse('the allowance is a whole number of boxes, or none');
            return;
          }
          const allowedPlans =
            options.plans === undefined
              ? undefined
              : options.plans.trim() === 'all'
                ? null
                : options.plans
                    .split(',')
                    .map((plan) => plan.trim())
                    .filter((plan) => plan !== '');
          const patch: DomainAllowancePatch = {
            ...(boxAllowance === undefined ? {} : { boxAllowance }),
            ...(allowedPlans === undefined ? {} : { allowedPlans }),
          };
          const changed = await setDomainAllowance(ctx.storage, name, patch, ctx.clock.now());
          const detail = described(changed).trim();
          await auditCli(ctx, 'domain.allowance', changed.domain, detail, changed.domain);
          process.stdout.write(`pec: ${detail}\n`);
        } catch (error) {
          if (!isAccountError(error)) throw error;
          refuse(error.message);
        }
      });
    });
}
