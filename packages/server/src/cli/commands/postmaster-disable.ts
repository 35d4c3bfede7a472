/**
 * `pec postmaster disable EMAIL` and `pec postmaster enable EMAIL` (decision 0042): a disabled
 * postmaster cannot sign in, its sessions end and its API tokens are refused until it is enabled
 * again; unlike `remove`, its domains, tokens and history stay. Recorded in the audit trail
 * (actor `cli`, actions `postmaster.disable` and `postmaster.enable`).
 */
import type { Command } from 'commander';
import { auditCli, principalsOf } from './admin-principal-commands.ts';
import { mailboxAction, refuse, type DataOption } from './mailbox-action.ts';

export function registerPostmasterDisable(postmaster: Command): void {
  for (const disabled of [true, false]) {
    const verb = disabled ? 'disable' : 'enable';
    postmaster
      .command(verb)
      .description(
        disabled
          ? 'Disable a postmaster: no sign-in, sessions ended, API tokens refused (kept for enable)'
          : 'Enable a disabled postmaster again',
      )
      .argument('<email>')
      .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
      .action(async (email: string, options: DataOption) => {
        await mailboxAction(options, async (ctx) => {
          const principals = principalsOf(ctx);
          const found = await principals.find(email);
          if (found?.role !== 'postmaster') {
            refuse(`no postmaster ${email.trim().toLowerCase()}`);
            return;
          }
          const changed = await principals.setDisabled(email, disabled);
          await auditCli(ctx, `postmaster.${verb}`, changed.email, null, changed.domains[0] ?? null);
          process.stdout.write(
            disabled
              ? `pec: disabled postmaster ${changed.email}; its sessions ended, its tokens are refused\n`
              : `pec: enabled postmaster ${changed.email}\n`,
          );
        });
      });
  }
}
