/**
 * Port for a box's allow-list of sign-in networks (decision 0027): CIDR blocks, stored in their
 * canonical text (`192.0.2.0/24`, `2001:db8::/32`); an empty list allows every network. Also marks
 * the access-history entries refused because they came from outside the list.
 */

export interface SignInNetworkStore {
  list(mailboxId: number): Promise<string[]>;
  /** Replaces the whole list in one transaction. */
  replace(mailboxId: number, cidrs: readonly string[], at: Date): Promise<void>;
  markRefused(accessLogId: number): Promise<void>;
  /** Which of these access-history entries were refused for their network. */
  refusedAccesses(accessLogIds: readonly number[]): Promise<Set<number>>;
}
