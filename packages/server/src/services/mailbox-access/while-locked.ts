/**
 * Runs a short critical section under a named lock of the Locks port, waiting a bounded time for it
 * (the holder may be a POP3 session on another node, RFC 1939 §8) before refusing `mailbox-in-use`, which
 * IMAP answers `NO [INUSE]` (RFC 5530 §3). Without locks the section simply runs.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Locks } from '../../ports/locks.ts';
import { MailboxAccessError } from './mailbox-access-error.ts';

/** Pause between attempts while the lock is taken. */
const retryMs = 50;

export async function whileLocked<T>(
  deps: { readonly locks?: Locks; readonly expungeLockWaitMs?: number },
  name: string,
  section: () => Promise<T>,
): Promise<T> {
  const { locks } = deps;
  if (locks === undefined) return section();
  const deadline = Date.now() + (deps.expungeLockWaitMs ?? 5000);
  let lock = await locks.tryAcquire(name);
  while (lock === undefined) {
    if (Date.now() >= deadline) {
      throw new MailboxAccessError({ reason: 'mailbox-in-use' });
    }
    await sleep(retryMs);
    lock = await locks.tryAcquire(name);
  }
  try {
    return await section();
  } finally {
    await lock.release();
  }
}
