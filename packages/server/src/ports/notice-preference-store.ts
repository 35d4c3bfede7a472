/**
 * Port for how and when a box's notices of new PEC go out (decision 0036): e-mail at once or as a
 * digest at chosen times of day (the PEC waiting for the next digest, and the due time last
 * claimed, so that each digest goes out once across nodes); the SMS notices to a mobile number
 * verified by a one-time code, with quiet hours.
 */

export type EmailNoticeMode = 'immediate' | 'digest';

export interface NoticePreferences {
  readonly emailMode: EmailNoticeMode;
  /** Local times of day (`HH:MM`, in `timeZone`) of the digests, ascending. */
  readonly digestTimes: readonly string[];
  /** IANA time zone of the digest times and the quiet hours. */
  readonly timeZone: string;
  /** The mobile number (E.164) SMS notices go to; null: none. */
  readonly mobile: string | null;
  readonly mobileVerifiedAt: Date | null;
  /** SMS notices of new PEC wanted (sent only to a verified mobile, when the plan includes SMS). */
  readonly smsEnabled: boolean;
  /**
   * SMS for the notices of the box's own life too (quota, expiry, lifecycle steps, renewal, new
   * sign-in; decision 0045), on the same terms; the e-mail of those notices always goes.
   */
  readonly smsBoxLife: boolean;
  /** Local `HH:MM` start and end of the hours without SMS; both null: none. */
  readonly quietStart: string | null;
  readonly quietEnd: string | null;
}

export type NoticePreferencePatch = Partial<
  Pick<
    NoticePreferences,
    'emailMode' | 'digestTimes' | 'timeZone' | 'smsEnabled' | 'smsBoxLife' | 'quietStart' | 'quietEnd'
  >
>;

export type MobileVerification = 'verified' | 'wrong-code' | 'too-many-tries' | 'unknown';

/** One PEC waiting for the box's next digest: sender, subject and time only. */
export interface DigestItem {
  readonly id: string;
  readonly from: string | null;
  readonly subject: string | null;
  readonly receivedAt: Date;
}

export interface NoticePreferenceStore {
  /** The box's preferences; the defaults (immediate, no mobile) when never set. */
  get(mailboxId: number): Promise<NoticePreferences>;
  /** Changes the given fields; when the mode becomes digest, `at` counts as the last digest (no backlog). */
  update(mailboxId: number, patch: NoticePreferencePatch, at: Date): Promise<NoticePreferences>;
  /** Sets a new, unverified mobile number with the hash of its code (tries reset). */
  setMobile(mailboxId: number, mobile: string, codeHash: string, at: Date): Promise<void>;
  verifyMobile(mailboxId: number, codeHash: string, at: Date, maxTries: number): Promise<MobileVerification>;
  /** Forgets the mobile number (and so stops SMS). */
  removeMobile(mailboxId: number, at: Date): Promise<void>;
  /** Keeps a PEC for the box's next digest (once per id). */
  addDigestItem(mailboxId: number, item: DigestItem): Promise<void>;
  /** Boxes in digest mode, with their times, zone and last claimed due time. */
  digestBoxes(): Promise<{ mailboxId: number; prefs: NoticePreferences; lastDigestAt: Date | null }[]>;
  /**
   * Claims the digest due at `due`: true once, for the first caller whose last claimed due time
   * is before it (one conditional statement, so two nodes never both win).
   */
  claimDigest(mailboxId: number, due: Date): Promise<boolean>;
  /** Takes (reads and deletes) the items received up to `upTo`, oldest first. */
  takeDigestItems(mailboxId: number, upTo: Date): Promise<DigestItem[]>;
}
