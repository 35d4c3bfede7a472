/**
 * Port for e-mail notices of new PEC (decision 0028): the ordinary addresses a box notifies, each
 * usable only once verified by the code sent to it, and the per-hour counters that cap how many
 * notices a box sends (the excess is counted, then told in one "and N more" notice).
 */

export interface NoticeAddress {
  readonly address: string;
  readonly createdAt: Date;
  readonly verifiedAt: Date | null;
}

export type NoticeVerification = 'verified' | 'wrong-code' | 'too-many-tries' | 'unknown';

export interface FoldedHour {
  readonly mailboxId: number;
  readonly hourStart: Date;
  readonly folded: number;
}

export interface NoticeStore {
  list(mailboxId: number): Promise<NoticeAddress[]>;
  /** Adds the address unverified, or replaces the code of an unverified one (tries reset); false if already verified. */
  addOrRecode(mailboxId: number, address: string, codeHash: string, at: Date): Promise<boolean>;
  /** Checks the code; after `maxTries` wrong codes the address must be added again for a new code. */
  verify(
    mailboxId: number,
    address: string,
    codeHash: string,
    at: Date,
    maxTries: number,
  ): Promise<NoticeVerification>;
  remove(mailboxId: number, address: string): Promise<boolean>;
  /**
   * Counts one new PEC in the box's hour: `send` while fewer than `cap` notices went out this
   * hour, otherwise `folded` (one statement each, so concurrent deliveries never exceed the cap).
   */
  countNotice(mailboxId: number, hourStart: Date, cap: number): Promise<'send' | 'folded'>;
  /** Hours before `before` with folded notices not yet told. */
  dueFolds(before: Date): Promise<FoldedHour[]>;
  /** Claims the hour's "and N more" notice; false when another node claimed it. */
  markFlushed(mailboxId: number, hourStart: Date, at: Date): Promise<boolean>;
  /** The quota level (0, 70, 90 or 100 %) the box was last at; 0 when never set. */
  quotaLevel(mailboxId: number): Promise<number>;
  setQuotaLevel(mailboxId: number, level: number, at: Date): Promise<void>;
}
