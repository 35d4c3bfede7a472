/**
 * Port for the service plans the operator sells (issue "the box's life"; pec-providers §2.1): each
 * with a box quota, a security-archive quota, whether SMS notices are included, a term in months
 * and a price per term in euro cents. Mailboxes name their plan (`Mailbox.plan`). Plan names are
 * lower-case keys; a plan is never deleted while a box may name it, only changed.
 */

export interface Plan {
  readonly name: string;
  readonly description: string;
  readonly boxQuotaBytes: number;
  readonly archiveQuotaBytes: number;
  readonly smsIncluded: boolean;
  /** Length of one term: a new box expires this many calendar months after activation. */
  readonly durationMonths: number;
  /** Price of one term, in euro cents. */
  readonly priceCents: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type NewPlan = Omit<Plan, 'createdAt' | 'updatedAt'>;

export type PlanPatch = Partial<Omit<NewPlan, 'name'>>;

export interface PlanStore {
  /** Throws StorageError `conflict` when the name is taken. */
  add(plan: NewPlan): Promise<Plan>;
  get(name: string): Promise<Plan | undefined>;
  /** Ordered by name. */
  list(): Promise<Plan[]>;
  /** Throws StorageError `not-found`. */
  update(name: string, patch: PlanPatch): Promise<Plan>;
}
