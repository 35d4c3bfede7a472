/**
 * Port for the life of a box after its creation (decision 0016): the terms bought on top of its
 * plan (extra space, automatic renewal), the lifecycle steps already done (claimed once per box,
 * term and step across every node, like the daily maintenance runs), and the addresses of deleted
 * boxes kept for their former holder (only the same holder may register them again).
 */

export interface BoxTerms {
  readonly mailboxId: number;
  /** Space bought on top of the plan's box quota, in bytes; the quota is plan + extra. */
  readonly extraQuotaBytes: number;
  /** Charge the next term a week before expiry (decision 0016), off unless the holder asks. */
  readonly autoRenew: boolean;
}

export type BoxTermsPatch = Partial<Omit<BoxTerms, 'mailboxId'>>;

/** One lifecycle step done for one term of a box: `notice-60`, `expire`, `charge-2027-03-01`, … */
export interface BoxLifeStep {
  readonly mailboxId: number;
  /** The expiry date of the term the step belongs to: a renewed box starts a new calendar. */
  readonly termEnd: Date;
  readonly step: string;
  /** Who claimed it (node id). */
  readonly node: string;
  readonly claimedAt: Date;
}

/** The address of a deleted box, reserved to its holder's tax code (null: no holder is known). */
export interface AddressReservation {
  readonly address: string;
  readonly holderTaxCode: string | null;
  readonly reservedAt: Date;
}

export interface BoxLifeStore {
  /** The box's terms; defaults (no extra space, no automatic renewal) when none were set. */
  getTerms(mailboxId: number): Promise<BoxTerms>;
  setTerms(mailboxId: number, patch: BoxTermsPatch): Promise<BoxTerms>;
  /** True for exactly one caller per (box, term, step), whichever node it runs on. */
  claimStep(step: BoxLifeStep): Promise<boolean>;
  /** Oldest first. */
  listSteps(mailboxId: number): Promise<BoxLifeStep[]>;
  /** Ends the webmail sessions of a box (deactivated: no sign-in); returns how many. */
  endSessions(mailboxId: number): Promise<number>;
  /**
   * Forgets what the store keeps about a deleted box: its terms and webmail sessions. Its steps
   * stay, the record that the deletion was done (mailbox ids are never reused).
   */
  forgetMailbox(mailboxId: number): Promise<void>;
  /** Keeps `address` for its former holder; replaces an older reservation of it. */
  reserveAddress(reservation: AddressReservation): Promise<void>;
  findReservation(address: string): Promise<AddressReservation | undefined>;
  /** False when the address was not reserved. */
  releaseReservation(address: string): Promise<boolean>;
  listReservations(): Promise<AddressReservation[]>;
}
