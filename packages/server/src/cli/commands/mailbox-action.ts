/**
 * The shared frame of the account commands (`pec domain …`, `pec mailbox …`): resolves the data
 * folder (`--data`, else PEC_DATA, else ./data), opens the provider there, runs the command, and
 * closes it. A refused request (AccountError) prints `pec: <reason>` and exits 1; any other error
 * reaches the command table (exit 2).
 */
import { openProvider } from '../../app/open-provider.ts';
import type { ProviderContext } from '../../app/provider-context.ts';
import { resolveDataDir } from '../../config/data-folder-layout.ts';
import { isAccountError } from '../../services/accounts/account-error.ts';
import { createAccountService, type AccountService } from '../../services/accounts/create-account-service.ts';

export interface DataOption {
  readonly data?: string;
}

/** The environment: the CLI is where it enters (decision 0001). */
export function cliEnvironment(): Readonly<Record<string, string | undefined>> {
  // eslint-disable-next-line no-restricted-properties -- the CLI is where the environment enters
  return process.env;
}

export function cliDataDir(options: DataOption): string {
  return resolveDataDir({ flag: options.data, env: cliEnvironment(), cwd: process.cwd() });
}

/** Prints a refusal and sets exit code 1. */
export function refuse(message: string): void {
  process.stderr.write(`pec: ${message}\n`);
  process.exitCode = 1;
}

export async function mailboxAction(
  options: DataOption,
  run: (ctx: ProviderContext, accounts: AccountService) => Promise<void>,
): Promise<void> {
  const ctx = await openProvider({ dataDir: cliDataDir(options), env: cliEnvironment() });
  try {
    await run(ctx, createAccountService({ storage: ctx.storage, clock: ctx.clock }));
  } catch (error) {
    if (!isAccountError(error)) throw error;
    refuse(error.message);
  } finally {
    await ctx.close();
  }
}
