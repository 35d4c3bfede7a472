/**
 * Scheduled send for the webmail, in no protocol's words: the message waits as a draft in Drafts
 * (quota counted, editable) and an outbox job of kind `scheduled-send` is due at the chosen time, so
 * the outbox's leases run it once across nodes; at that time it goes through the same access point
 * as an immediate send (formal checks, acceptance receipt stamped with the actual send time).
 */
import type { OutgoingFields, RecipientCheck, SendRefusal, Writer } from '../outgoing/outgoing-mail.ts';

/** The outbox job kind (decision 0024). */
export const scheduledSendJobKind = 'scheduled-send';

/** The furthest ahead a message may be scheduled. */
export const maxScheduleAheadMs = 366 * 24 * 3_600_000;
/** A due time this far in the past (the minute picked has just gone by) is sent at once. */
export const pastToleranceMs = 60_000;

/**
 * `scheduled`: waiting; `sending`: a worker holds it; `sent`: accepted (`identifier` set);
 * `not-accepted`: a non-acceptance notice is in INBOX; `refused`: refused before anything was
 * issued (`reason`, e.g. mailbox-expired, quota-exceeded); `draft-missing`: the draft was deleted
 * before the due time, so nothing was sent; `failed`: the job gave up (operators see why). After
 * any outcome but `sent` the message is still in Drafts.
 */
export type ScheduledStatus =
  'scheduled' | 'sending' | 'sent' | 'not-accepted' | 'refused' | 'draft-missing' | 'failed';

export interface ScheduledSend {
  readonly id: number;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly subject: string;
  readonly sendAt: Date;
  /** The IANA zone the holder chose the time in (shown back in it). */
  readonly timeZone: string;
  /** The draft holding the message, in Drafts. */
  readonly draftUid: number;
  readonly status: ScheduledStatus;
  readonly reason: string | null;
  readonly identifier: string | null;
}

export type ScheduleOutcome =
  | { readonly kind: 'scheduled'; readonly scheduled: ScheduledSend }
  /** The time is more than a minute past, or further ahead than `maxScheduleAheadMs`. */
  | { readonly kind: 'bad-time'; readonly problem: 'past' | 'too-far' | 'bad-zone' }
  | {
      readonly kind: 'refused';
      readonly refusal: SendRefusal;
      readonly recipients?: readonly RecipientCheck[];
    };

export type CancelOutcome = 'cancelled' | 'not-found' | 'too-late';

export interface ScheduledSends {
  schedule(writer: Writer, fields: OutgoingFields, sendAt: Date, timeZone: string): Promise<ScheduleOutcome>;
  /** The holder's scheduled messages, the waiting ones first by due time, then the finished ones. */
  list(writer: Writer): Promise<ScheduledSend[]>;
  /** Cancels a waiting one; the message stays in Drafts. `not-found` also for another holder's. */
  cancel(writer: Writer, id: number): Promise<CancelOutcome>;
}
