/**
 * The holder's address book (decision 0037): one row per contact and box, its display name kept
 * apart for ordering, the rest (addresses, phones, notes, groups) as one JSON document whose shape
 * the contacts service (services/contacts) owns and validates. Every call names the box, so one
 * holder never reaches another's contact by its id.
 */
export interface StoredContact {
  readonly id: number;
  readonly name: string;
  readonly details: string;
  readonly updatedAt: Date;
}

export interface ContactStore {
  /** The box's contacts, by name then id. */
  list(mailboxId: number): Promise<StoredContact[]>;
  get(mailboxId: number, id: number): Promise<StoredContact | undefined>;
  count(mailboxId: number): Promise<number>;
  create(mailboxId: number, name: string, details: string, at: Date): Promise<StoredContact>;
  /** False when the box has no such contact. */
  update(mailboxId: number, id: number, name: string, details: string, at: Date): Promise<boolean>;
  /** False when the box has no such contact. */
  remove(mailboxId: number, id: number): Promise<boolean>;
}
