/**
 * The shared frame of the account commands (`pec domain …`, `pec mailbox …`): resolves the data
 * folder (`--data`, else PEC_DATA, else ./data), opens the provider there (or only its configuration
 * and stores, `storesAction`), runs the command, and closes it. A refused request (AccountError) prints `pec: <reason>` and exits 1; any other error
 * reaches the command table (exit 2).
 */
import { openProviderStores, type ProviderStores } from '../../app/open-provider-stores.ts';
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

async function runAccountCommand<T extends ProviderStores>(
  ctx: T,
  run: (ctx: T, accounts: AccountService) => Promise<void>,
): Promise<void> {
  try {
    await run(ctx, createAccountService({ storage: ctx.storage, clock: ctx.clock }));
  } catch (error) {
    if (!isAccountError(error)) throw error;
    refuse(error.message);
  } finally {
    await ctx.close();
  }
}

/** Runs an account command with the whole provider opened (signing material and index included). */
export async function mailboxAction(
  options: DataOption,
  run: (ctx: ProviderContext, accounts: AccountService) => Promise<void>,
): Promise<void> {
  // Loaded here: the commands of `storesAction` share this file and should not load the signer.
  const { openProvider } = await import('../../app/open-provider.ts');
  await runAccountCommand(await openProvider({ dataDir: cliDataDir(options), env: cliEnvironment() }), run);
}

/**
 * Runs an account command that needs only the configuration and the stores: it starts without reading
 * the signing material or loading the certificate modules (`pec mailbox …`, decision 0047).
 */
export async function storesAction(
  options: DataOption,
  run: (ctx: ProviderStores, accounts: AccountService) => Promise<void>,
): Promise<void> {
  await runAccountCommand(
    await openProviderStores({ dataDir: cliDataDir(options), env: cliEnvironment() }),
    run,
  );
}
