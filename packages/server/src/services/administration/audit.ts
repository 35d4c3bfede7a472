/**
 * Recording administrative actions in the audit trail: who (principal or anonymous), what, on
 * which target and customer domain, the outcome, and from where. A failure to record is not
 * swallowed: an action whose trace cannot be kept must not look successful.
 */
import type { AuditOutcome, AuditTrail } from '../../ports/audit-trail.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';

/** Where a request came from. */
export interface RequestOrigin {
  readonly remoteAddress: string | null;
  readonly userAgent: string | null;
}

export interface AuditRecord {
  /** Undefined: nobody signed in (`anonymous`); role `none` for an unknown sign-in name, `cli` for the command line. */
  readonly principal: { readonly email: string; readonly role: string } | undefined;
  readonly action: string;
  readonly target?: string | null;
  readonly domain?: string | null;
  readonly outcome: AuditOutcome;
  readonly detail?: string | null;
  readonly origin: RequestOrigin;
}

export interface Audit {
  record(entry: AuditRecord): Promise<void>;
}

/** Who the command line acts as: the operating-system user of the server. */
export const cliPrincipal = { email: 'cli', role: 'cli' } as const;

export function createAudit(trail: AuditTrail, clock: Clock = systemClock): Audit {
  return {
    async record(entry) {
      await trail.record({
        at: clock.now(),
        actor: entry.principal?.email ?? 'anonymous',
        role: entry.principal?.role ?? 'none',
        action: entry.action,
        target: entry.target ?? null,
        domain: entry.domain ?? null,
        outcome: entry.outcome,
        detail: entry.detail ?? null,
        remoteAddress: entry.origin.remoteAddress,
        userAgent: entry.origin.userAgent === null ? null : entry.origin.userAgent.slice(0, 512),
      });
    },
  };
}
