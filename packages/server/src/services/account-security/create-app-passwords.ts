/**
 * App passwords: what IMAP, POP3 and SMTP clients use once the box has a second factor (the
 * Authenticator accepts them). The holder names each one; the secret is shown once and stored
 * with argon2id like the password; each records when it was last used; none expires by itself
 * (decision 0015), the holder revokes them.
 */
import type { AccountSecurityStore } from '../../ports/account-security-store.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';
import { hashPassword } from '../accounts/hash-password.ts';
import type { AppPasswords, AppPasswordView } from './account-security.ts';
import { newAppPassword } from './secrets.ts';

export interface AppPasswordDependencies {
  readonly store: AccountSecurityStore;
  readonly clock?: Clock;
}

/** At most this many per box: each login tries them in turn, at one argon2 verification each. */
export const maxAppPasswords = 20;
export const maxAppPasswordNameLength = 60;

function view(record: AppPasswordView): AppPasswordView {
  return { id: record.id, name: record.name, createdAt: record.createdAt, lastUsedAt: record.lastUsedAt };
}

export function createAppPasswords(deps: AppPasswordDependencies): AppPasswords {
  const clock = deps.clock ?? systemClock;
  return {
    async list(mailboxId) {
      return (await deps.store.listAppPasswords(mailboxId)).map(view);
    },

    async create(mailboxId, name) {
      // eslint-disable-next-line no-control-regex -- control characters never belong in a name
      const clean = name.replace(/[\u0000-\u001f\u007f]/g, '').trim();
      if (clean === '' || Array.from(clean).length > maxAppPasswordNameLength)
        return {
          ok: false,
          conflict: `the name must have 1 to ${String(maxAppPasswordNameLength)} characters`,
        };
      if ((await deps.store.listAppPasswords(mailboxId)).length >= maxAppPasswords)
        return { ok: false, conflict: `at most ${String(maxAppPasswords)} app passwords` };
      const password = newAppPassword();
      const record = await deps.store.addAppPassword(
        mailboxId,
        clean,
        await hashPassword(password),
        clock.now(),
      );
      return { ok: true, appPassword: view(record), password };
    },

    revoke: (mailboxId, id) => deps.store.removeAppPassword(mailboxId, id),
  };
}
