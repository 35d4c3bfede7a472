/**
 * The demo mailboxes' passwords, kept in the data folder (mode 0600, like the private keys next to
 * them) so that `pec start` can print them again on every start while they still work: a first
 * start that fails after creating the demo provider must not lose them. Entries whose password no
 * longer verifies (changed with `pec mailbox passwd`, or the mailbox deleted) are dropped, and the
 * file is removed when none is left.
 */
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Storage } from '../ports/storage.ts';
import { verifyPassword } from '../services/accounts/hash-password.ts';
import type { DemoMailbox } from './start-demo.ts';

/** Relative to the data folder. */
export const demoCredentialsEntry = 'demo-credentials.json';

export function demoCredentialsFile(dataDir: string): string {
  return join(dataDir, demoCredentialsEntry);
}

export async function saveDemoCredentials(dataDir: string, mailboxes: readonly DemoMailbox[]): Promise<void> {
  const file = demoCredentialsFile(dataDir);
  await writeFile(file, `${JSON.stringify(mailboxes, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
}

function parseMailboxes(text: string): DemoMailbox[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(
    (m): m is DemoMailbox =>
      typeof m === 'object' &&
      m !== null &&
      typeof (m as Record<string, unknown>)['address'] === 'string' &&
      typeof (m as Record<string, unknown>)['password'] === 'string' &&
      typeof (m as Record<string, unknown>)['holderName'] === 'string',
  );
}

/** The saved demo credentials that still sign in; rewrites or removes the file when some no longer do. */
export async function readValidDemoCredentials(dataDir: string, storage: Storage): Promise<DemoMailbox[]> {
  const file = demoCredentialsFile(dataDir);
  let saved: DemoMailbox[];
  try {
    saved = parseMailboxes(await readFile(file, 'utf8'));
  } catch {
    return [];
  }
  const valid: DemoMailbox[] = [];
  for (const mailbox of saved) {
    const found = await storage.accounts.findMailboxByAddress(mailbox.address);
    if (found === undefined || found.status === 'deleted') continue;
    const hash = await storage.accounts.getPasswordHash(found.id);
    if (hash !== null && hash !== undefined && (await verifyPassword(hash, mailbox.password)))
      valid.push(mailbox);
  }
  if (valid.length === 0) await rm(file, { force: true });
  else if (valid.length < saved.length) await saveDemoCredentials(dataDir, valid);
  return valid;
}
