/**
 * Port for the audit trail of administration (decision 0021): who (the principal's email and
 * role), what (the action and its target, with the customer domain it concerns), when, from where
 * (IP address, User-Agent) and the outcome, denials included. Append-only: entries are never
 * changed or deleted by the application. Searched newest first with a cursor (the last id seen).
 */

/** `done`: the action was carried out; `refused`: a service refused it; `denied`: not allowed to the principal. */
export type AuditOutcome = 'done' | 'refused' | 'denied';
export const auditOutcomes: readonly AuditOutcome[] = ['done', 'refused', 'denied'];

export interface NewAuditEntry {
  readonly at: Date;
  /** The principal's email; `anonymous` when no one was signed in. */
  readonly actor: string;
  /** The principal's role, `none` without a principal, `cli` for the command line. */
  readonly role: string;
  /** A stable name, e.g. `box.password`, `principal.add`, `session.sign-in`. */
  readonly action: string;
  /** What was acted on: an address, a domain, an email, a request path. */
  readonly target: string | null;
  /** The customer domain concerned, so a domain's trail can be searched. */
  readonly domain: string | null;
  readonly outcome: AuditOutcome;
  /** A short human note: the refusal, a count. */
  readonly detail: string | null;
  readonly remoteAddress: string | null;
  readonly userAgent: string | null;
}

export interface AuditEntry extends NewAuditEntry {
  readonly id: number;
}

export interface AuditQuery {
  /** Case-insensitive substring of actor, action, target or detail. */
  readonly text?: string;
  readonly actor?: string;
  readonly action?: string;
  readonly domain?: string;
  readonly outcome?: AuditOutcome;
  readonly from?: Date;
  readonly to?: Date;
  /** Entries with an id below this (the cursor: the last id of the previous page). */
  readonly before?: number;
  readonly limit: number;
}

export interface AuditTrail {
  record(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first. */
  search(query: AuditQuery): Promise<AuditEntry[]>;
}
