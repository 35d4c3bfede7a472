/**
 * Who may use which operator route (decision 0022): `admin` everything; `support` reads metadata
 * (boxes, domains, postmasters, plans, queue, quarantine records, index, health) and changes
 * nothing; `auditor` the log register only. Postmasters never reach an operator route (404).
 * Also the one place the console's service errors become AccountErrors for admin-route.ts.
 */
import type { OperatorRole } from '../../../../../ports/admin-store.ts';
import { AccountError } from '../../../../../services/accounts/account-error.ts';
import { isBoxLifeError } from '../../../../../services/box-life/box-life-error.ts';

export const operatorReaders: readonly OperatorRole[] = ['admin', 'support'];
export const operatorWriters: readonly OperatorRole[] = ['admin'];
export const logReaders: readonly OperatorRole[] = ['admin', 'auditor'];

/** Dates as ISO strings, the rest as it is: the JSON an answer carries. */
export function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** Runs `task`; a box-life error becomes the AccountError admin-route.ts answers and records. */
export async function asAccountErrors<T>(task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if (!isBoxLifeError(error)) throw error;
    throw new AccountError(error.code === 'refused' ? 'conflict' : error.code, error.message, {
      cause: error,
    });
  }
}
