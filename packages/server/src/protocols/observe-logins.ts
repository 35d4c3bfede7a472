/**
 * The authenticator as one session sees it: every attempt is also reported to the session's event
 * log (`auth.succeeded`, `auth.failed` with the reason), so that IMAP and POP3 report logins
 * without each command doing it. The attempt and its answer are unchanged.
 */
import type { EventLog } from '../ports/event-log.ts';
import type { Authenticator } from '../services/accounts/authenticator.ts';

export function observeLogins(authenticator: Authenticator, events: EventLog): Authenticator {
  return {
    async authenticate(attempt) {
      const result = await authenticator.authenticate(attempt);
      events.emit(
        result.ok
          ? { event: 'auth.succeeded', user: result.address }
          : { event: 'auth.failed', user: attempt.username, reason: result.refusal.reason },
      );
      return result;
    },
  };
}
