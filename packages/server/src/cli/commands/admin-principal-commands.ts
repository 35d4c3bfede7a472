/**
 * `pec operator …` and `pec postmaster …`: the administrative principals (decision 0021).
 * `add EMAIL` (operators with `--role admin|support|auditor`, postmasters with one or more
 * `--domain D`), `list`, `remove EMAIL`, `password EMAIL` (the operator resets a password: the
 * given one, or a generated one printed once) and `totp EMAIL --enable|--disable`. Every change is
 * recorded in the audit trail with the actor `cli`. Postmasters also have `disable`/`enable`
 * (postmaster-disable.ts) and `import`.
 */
import type { Command } from 'commander';
import type { ProviderContext } from '../../app/provider-context.ts';
import { operatorRoles, type AdminRole } from '../../ports/admin-store.ts';
import { createAdminPrincipals } from '../../services/administration/admin-principals.ts';
import type { AdminPrincipal } from '../../services/administration/admin-principal.ts';
import { cliPrincipal, createAudit } from '../../services/administration/audit.ts';
import { otpauthUri, base32Decode } from '../../services/account-security/totp.ts';
import { mailboxAction, refuse, type DataOption } from './mailbox-action.ts';
import { readPassword, type PasswordOptions } from './read-password.ts';
import { registerPostmasterDisable } from './postmaster-disable.ts';
import { registerPostmasterImport } from './postmaster-import.ts';

const dataOption = ['--data <dir>', 'data folder (default: PEC_DATA, else ./data)'] as const;
const cliOrigin = { remoteAddress: null, userAgent: 'pec cli' };

export function principalsOf(ctx: ProviderContext) {
  return createAdminPrincipals({
    store: ctx.storage.admin,
    accounts: ctx.storage.accounts,
    clock: ctx.clock,
    credentials: { accounts: ctx.storage.adminAccounts, tokens: ctx.storage.adminTokens },
  });
}

export async function auditCli(
  ctx: ProviderContext,
  action: string,
  target: string,
  detail: string | null,
  domain: string | null = null,
): Promise<void> {
  await createAudit(ctx.storage.auditTrail, ctx.clock).record({
    principal: cliPrincipal,
    action,
    target,
    domain,
    outcome: 'done',
    detail,
    origin: cliOrigin,
  });
}

function row(principal: AdminPrincipal) {
  return {
    email: principal.email,
    role: principal.role,
    displayName: principal.displayName,
    domains: principal.domains,
    secondFactor: principal.secondFactor,
    createdAt: principal.createdAt.toISOString(),
    lastSignInAt: principal.lastSignInAt?.toISOString() ?? null,
    disabledAt: principal.disabledAt?.toISOString() ?? null,
  };
}

function collect(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}

type AddOptions = DataOption &
  PasswordOptions & {
    readonly role?: string;
    readonly domain?: readonly string[];
    readonly name?: string;
    readonly generatePassword?: boolean;
  };

/** Registers `pec operator` (kind operator) or `pec postmaster` (kind postmaster). */
export function registerAdminPrincipals(program: Command, kind: 'operator' | 'postmaster'): Command {
  const command = program
    .command(kind)
    .description(
      kind === 'operator'
        ? "The provider's operators (admin, support, auditor) who sign in to the administrative API"
        : 'The postmasters of customer domains, who manage the boxes of their domains',
    );
  const isKind = (principal: AdminPrincipal) =>
    kind === 'postmaster' ? principal.role === 'postmaster' : principal.role !== 'postmaster';

  const add = command
    .command('add')
    .description(kind === 'operator' ? 'Add an operator' : 'Add a postmaster of one or more domains')
    .argument('<email>', 'the e-mail address the principal signs in with');
  if (kind === 'operator') add.requiredOption('--role <role>', `one of ${operatorRoles.join(', ')}`);
  else add.requiredOption('--domain <domain>', 'a domain it administers (repeat for several)', collect);
  add
    .option('--name <text>', 'the display name')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .option('--password <pw>', 'the password (visible in ps; prefer --password-stdin)')
    .option('--generate-password', 'make a random password and print it once')
    .option(...dataOption)
    .action(async (email: string, options: AddOptions) => {
      const role = (kind === 'operator' ? options.role : 'postmaster') as AdminRole;
      if (kind === 'operator' && !operatorRoles.includes(role as (typeof operatorRoles)[number])) {
        refuse(`--role must be one of ${operatorRoles.join(', ')}`);
        return;
      }
      const password = options.generatePassword === true ? undefined : await readPassword(options);
      if (options.generatePassword !== true && password === undefined) return;
      await mailboxAction(options, async (ctx) => {
        const result = await principalsOf(ctx).add({
          email,
          role,
          ...(options.name === undefined ? {} : { displayName: options.name }),
          ...(options.domain === undefined ? {} : { domains: options.domain }),
          ...(password === undefined ? {} : { password }),
        });
        const { principal } = result;
        await auditCli(
          ctx,
          `${kind}.add`,
          principal.email,
          `role ${principal.role}`,
          principal.domains[0] ?? null,
        );
        process.stdout.write(
          `pec: added ${kind} ${principal.email} (${principal.role}` +
            `${principal.domains.length > 0 ? ` of ${principal.domains.join(', ')}` : ''})\n` +
            (password === undefined ? `password: ${result.password}\n` : ''),
        );
      });
    });

  command
    .command('list')
    .description(kind === 'operator' ? 'List the operators' : 'List the postmasters and their domains')
    .option('--json', 'print a JSON array')
    .option(...dataOption)
    .action(async (options: DataOption & { readonly json?: boolean }) => {
      await mailboxAction(options, async (ctx) => {
        const rows = (await principalsOf(ctx).list()).filter(isKind).map(row);
        if (options.json === true) {
          process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          return;
        }
        for (const r of rows)
          process.stdout.write(
            `${r.email}  ${r.role}${r.domains.length > 0 ? `  ${r.domains.join(' ')}` : ''}` +
              `${r.secondFactor ? '  totp' : ''}${r.disabledAt === null ? '' : '  disabled'}  last sign-in ${r.lastSignInAt ?? 'never'}\n`,
          );
      });
    });

  command
    .command('remove')
    .description(`Remove a ${kind} and end its sessions`)
    .argument('<email>')
    .option(...dataOption)
    .action(async (email: string, options: DataOption) => {
      await mailboxAction(options, async (ctx) => {
        const principals = principalsOf(ctx);
        const found = await principals.find(email);
        if (found === undefined || !isKind(found)) {
          refuse(`no ${kind} ${email.trim().toLowerCase()}`);
          return;
        }
        await principals.remove(email);
        await auditCli(ctx, `${kind}.remove`, found.email, null);
        process.stdout.write(`pec: removed ${kind} ${found.email}\n`);
      });
    });

  command
    .command('password')
    .description(`Reset the password of a ${kind} (ends its sessions); without a password, one is generated`)
    .argument('<email>')
    .option('--password-stdin', 'read the new password from the first line of standard input')
    .option(...dataOption)
    .action(async (email: string, options: DataOption & PasswordOptions) => {
      const given = options.passwordStdin === true ? await readPassword(options) : undefined;
      if (options.passwordStdin === true && given === undefined) return;
      await mailboxAction(options, async (ctx) => {
        const principals = principalsOf(ctx);
        const found = await principals.find(email);
        if (found === undefined || !isKind(found)) {
          refuse(`no ${kind} ${email.trim().toLowerCase()}`);
          return;
        }
        const password = await principals.resetPassword(email, given);
        await auditCli(ctx, `${kind}.password-reset`, found.email, null);
        process.stdout.write(
          `pec: reset the password of ${found.email}; its sessions ended\n` +
            (given === undefined ? `password: ${password}\n` : ''),
        );
      });
    });

  command
    .command('totp')
    .description(
      `Set (--enable, printing the secret once) or clear (--disable) the TOTP second factor of a ${kind}`,
    )
    .argument('<email>')
    .option('--enable', 'make a new TOTP secret')
    .option('--disable', 'remove the second factor')
    .option(...dataOption)
    .action(
      async (
        email: string,
        options: DataOption & { readonly enable?: boolean; readonly disable?: boolean },
      ) => {
        if ((options.enable === true) === (options.disable === true)) {
          refuse('give exactly one of --enable or --disable');
          return;
        }
        await mailboxAction(options, async (ctx) => {
          const principals = principalsOf(ctx);
          const found = await principals.find(email);
          if (found === undefined || !isKind(found)) {
            refuse(`no ${kind} ${email.trim().toLowerCase()}`);
            return;
          }
          const secret = await principals.setSecondFactor(email, options.enable === true);
          await auditCli(ctx, `${kind}.totp`, found.email, secret === null ? 'disabled' : 'enabled');
          if (secret === null) {
            process.stdout.write(`pec: removed the second factor of ${found.email}\n`);
            return;
          }
          const bytes = base32Decode(secret);
          process.stdout.write(
            `pec: ${found.email} now signs in with a TOTP code\nsecret: ${secret}\n` +
              (bytes === undefined
                ? ''
                : `uri: ${otpauthUri(ctx.config.config.provider.name, found.email, bytes)}\n`),
          );
        });
      },
    );
  if (kind === 'postmaster') {
    registerPostmasterImport(command);
    registerPostmasterDisable(command);
  }
  return command;
}
