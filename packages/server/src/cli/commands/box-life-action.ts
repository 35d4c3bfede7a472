/**
 * The shared frame of the box-life commands (`pec plan`, `pec lifecycle`, `pec order`, `pec mailbox
 * renew|plan|add-space|auto-renew`): opens the provider in the data folder, builds the box-life
 * service, runs the command and closes. A refusal (BoxLifeError) prints `pec: <reason>` and exits 1.
 */
import { hostname } from 'node:os';
import { InvalidArgumentError } from 'commander';
import type { ProviderContext } from '../../app/provider-context.ts';
import { isBoxLifeError } from '../../services/box-life/box-life-error.ts';
import type { BoxLife } from '../../services/box-life/create-box-life.ts';
import { parseQuotaSize } from '../../services/accounts/parse-quota-size.ts';
import { cliDataDir, cliEnvironment, refuse, type DataOption } from './mailbox-action.ts';

export const dataHelp = 'data folder (default: PEC_DATA, else ./data)';

export async function boxLifeAction(
  options: DataOption,
  run: (boxLife: BoxLife, ctx: ProviderContext) => Promise<void>,
): Promise<void> {
  // Loaded here, not at the top: `pec mailbox` registers these commands, and `pec mailbox list` should
  // not load the provider's signing and certificate modules (decision 0047).
  const [{ openProvider }, { boxLifeDependencies }, { createBoxLife }] = await Promise.all([
    import('../../app/open-provider.ts'),
    import('../../app/service-dependencies.ts'),
    import('../../services/box-life/create-box-life.ts'),
  ]);
  const ctx = await openProvider({ dataDir: cliDataDir(options), env: cliEnvironment() });
  try {
    await run(createBoxLife(boxLifeDependencies(ctx, `cli-${hostname()}-${process.pid}`)), ctx);
  } catch (error) {
    if (!isBoxLifeError(error)) throw error;
    refuse(error.message);
  } finally {
    await ctx.close();
  }
}

export function parseSize(value: string): number {
  const bytes = parseQuotaSize(value);
  if (bytes === undefined)
    throw new InvalidArgumentError('a size is bytes or a number with K, M, G or T (e.g. 2G).');
  return bytes;
}

/** Euro amounts: `5`, `5.50` or `5,50`, into cents. */
export function parseEuro(value: string): number {
  const match = /^(-)?(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(value.trim());
  if (match === null) throw new InvalidArgumentError('an amount in euro, e.g. 5 or 5.50');
  const cents = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] === undefined ? cents : -cents;
}

export function parseWhole(value: string): number {
  if (!/^\d{1,6}$/.test(value)) throw new InvalidArgumentError('a whole number');
  return Number(value);
}

export const euro = (cents: number): string => `EUR ${(cents / 100).toFixed(2)}`;
export const isoDay = (date: Date | null): string =>
  date === null ? 'never' : date.toISOString().slice(0, 10);
