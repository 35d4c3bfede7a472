/**
 * `pec token list` and `pec token revoke ID`: the operator's view of holders' API tokens (never
 * their secrets, which are stored only hashed), and revocation of any of them.
 */
import type { Command } from 'commander';
import type { ProviderContext } from '../../app/provider-context.ts';
import { createApiTokens } from '../../services/api-tokens/create-api-tokens.ts';
import { mailboxAction, refuse, type DataOption } from './mailbox-action.ts';

function tokensOf(ctx: ProviderContext) {
  const { integration } = ctx.config.config;
  return createApiTokens(
    { store: ctx.storage.apiTokens, clock: ctx.clock },
    { requestsPerMinute: integration.tokenRequestsPerMinute, burst: integration.tokenBurst },
  );
}

export function registerToken(program: Command): void {
  const token = program.command('token').description("Holders' API tokens (created by holders over the API)");

  token
    .command('list')
    .description('List API tokens, newest first')
    .option('--mailbox <address>', 'only the tokens of this mailbox')
    .option('--json', 'print a JSON array')
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (options: DataOption & { readonly mailbox?: string; readonly json?: boolean }) => {
      await mailboxAction(options, async (ctx) => {
        let mailboxId: number | undefined;
        if (options.mailbox !== undefined) {
          const mailbox = await ctx.storage.accounts.findMailboxByAddress(options.mailbox);
          if (mailbox === undefined) {
            refuse(`no mailbox ${options.mailbox}`);
            return;
          }
          mailboxId = mailbox.id;
        }
        const rows = (await tokensOf(ctx).list(mailboxId)).map((t) => ({
          id: t.id,
          address: t.address,
          name: t.name,
          scopes: t.scopes,
          createdAt: t.createdAt.toISOString(),
          expiresAt: t.expiresAt?.toISOString() ?? null,
          revokedAt: t.revokedAt?.toISOString() ?? null,
          lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
        }));
        if (options.json === true) {
          process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          return;
        }
        for (const r of rows) {
          const state =
            r.revokedAt !== null ? 'revoked' : r.expiresAt === null ? 'no end' : `until ${r.expiresAt}`;
          process.stdout.write(
            `${String(r.id)}  ${r.address}  ${r.name}  [${r.scopes.join(' ')}]  ${state}\n`,
          );
        }
      });
    });

  token
    .command('revoke')
    .description('Revoke an API token at once')
    .argument('<id>', 'the token id (pec token list)')
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (id: string, options: DataOption) => {
      await mailboxAction(options, async (ctx) => {
        const number = Number(id);
        if (!Number.isSafeInteger(number) || !(await tokensOf(ctx).revoke(number))) {
          refuse(`no live token ${id}`);
          return;
        }
        process.stdout.write(`pec: revoked token ${id}\n`);
      });
    });
}
