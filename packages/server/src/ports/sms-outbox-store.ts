/**
 * Port for the SMS notices waiting to go out through the gateway (decision 0036): queued in the
 * transaction that files the PEC, held until `notBefore` (the end of quiet hours), claimed by one
 * node at a time, and counted per box and day against the daily cap.
 */

export interface QueuedSms {
  readonly id: string;
  readonly mailboxId: number;
  readonly to: string;
  readonly text: string;
  readonly notBefore: Date;
}

export interface SmsOutboxStore {
  enqueue(sms: QueuedSms, at: Date): Promise<void>;
  /**
   * Counts one SMS in the box's day (`YYYY-MM-DD`): true while fewer than `cap` were counted
   * that day (one conditional statement, so concurrent deliveries never exceed the cap).
   */
  countDay(mailboxId: number, day: string, cap: number): Promise<boolean>;
  /** SMS due at `now`, not sent, unclaimed or whose claim is older than `staleBefore`. */
  due(now: Date, staleBefore: Date, limit: number): Promise<QueuedSms[]>;
  /** Claims an SMS for sending; false when another node holds a fresh claim or it was sent. */
  claim(id: string, now: Date, staleBefore: Date): Promise<boolean>;
  /** Records the outcome: sent, or failed (released for a retry after `retryAt`, or given up when null). */
  finish(id: string, outcome: { sentAt: Date } | { problem: string; retryAt: Date | null }): Promise<void>;
  /** The box's SMS, newest first (what a test or an operator reads). */
  listForMailbox(
    mailboxId: number,
  ): Promise<(QueuedSms & { sentAt: Date | null; attempts: number; problem: string | null })[]>;
}
