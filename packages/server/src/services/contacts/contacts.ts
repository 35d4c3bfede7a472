/**
 * The holder's address book (decision 0037): contacts with PEC and ordinary addresses, phones,
 * notes and groups; prefix search for the composer's autocomplete; vCard 4 (RFC 6350) import and
 * export. Each address carries whether its domain is in the providers' index (pec-spec §7.3), the
 * same test the access point uses to call a recipient `certificato`.
 */

export const maxContacts = 5000;
export const maxNameLength = 200;
export const maxAddresses = 10;
export const maxPhones = 10;
export const maxPhoneLength = 40;
export const maxNotesLength = 2000;
export const maxGroups = 20;
export const maxGroupLength = 60;
export const maxSuggestions = 10;

/** What the holder writes; the service trims, drops empties and duplicates. */
export interface ContactFields {
  readonly name: string;
  readonly pec: readonly string[];
  readonly emails: readonly string[];
  readonly phones: readonly string[];
  readonly notes: string;
  readonly groups: readonly string[];
}

export interface ContactAddress {
  readonly address: string;
  /** The address's domain is in the providers' index: mail to it is PEC (certificato). */
  readonly inIndex: boolean;
}

export interface Contact {
  readonly id: number;
  readonly name: string;
  readonly pec: readonly ContactAddress[];
  readonly emails: readonly ContactAddress[];
  readonly phones: readonly string[];
  readonly notes: string;
  readonly groups: readonly string[];
  readonly updatedAt: Date;
}

/** One address offered while the holder types a recipient. */
export interface Suggestion {
  readonly contactId: number;
  readonly name: string;
  readonly address: string;
  /** Filed among the contact's PEC addresses. */
  readonly pec: boolean;
  readonly inIndex: boolean;
}

/** Which field a contact was refused for. */
export const contactProblems = [
  'name',
  'address',
  'too-many-addresses',
  'phone',
  'notes',
  'group',
  'address-book-full',
] as const;
export type ContactProblem = (typeof contactProblems)[number];

export type SaveOutcome =
  | { readonly kind: 'saved'; readonly contact: Contact }
  | { readonly kind: 'invalid'; readonly problem: ContactProblem; readonly value?: string }
  | { readonly kind: 'not-found' };

/** Why one card of an imported vCard file was left out. */
export const cardRejections = [
  'unsupported-version',
  'not-closed',
  'no-name-or-address',
  ...contactProblems,
] as const;
export type CardRejection = (typeof cardRejections)[number];

export interface RejectedCard {
  /** 1-based position of the card in the file. */
  readonly card: number;
  readonly name: string | null;
  readonly reason: CardRejection;
}

export interface ImportReport {
  readonly imported: number;
  readonly rejected: readonly RejectedCard[];
}

export interface ContactsService {
  list(mailboxId: number, group?: string): Promise<Contact[]>;
  get(mailboxId: number, id: number): Promise<Contact | undefined>;
  /** Every group used, sorted. */
  groups(mailboxId: number): Promise<string[]>;
  create(mailboxId: number, fields: ContactFields): Promise<SaveOutcome>;
  update(mailboxId: number, id: number, fields: ContactFields): Promise<SaveOutcome>;
  remove(mailboxId: number, id: number): Promise<boolean>;
  /** Addresses whose contact name (any word) or address starts with `prefix`, PEC first. */
  suggest(mailboxId: number, prefix: string): Promise<Suggestion[]>;
  /** vCard 4 text of all the contacts, or of one (undefined when it is not the box's). */
  exportCards(mailboxId: number, id?: number): Promise<string | undefined>;
  importCards(mailboxId: number, text: string): Promise<ImportReport>;
}
