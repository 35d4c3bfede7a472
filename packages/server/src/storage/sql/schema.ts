/**
 * The tables of the SQL adapters as Kysely sees them, shared by SQLite and PostgreSQL.
 * Times are UTC milliseconds (bigint), booleans are 0/1 integers and structured values are JSON
 * text, so both dialects store and return the same shapes. Created by migrations/0001-initial.ts.
 */
import type { Generated } from 'kysely';

export interface DomainsTable {
  name: string;
  description: string | null;
  created_at: number;
}

export interface MailboxesTable {
  id: Generated<number>;
  address: string;
  domain: string;
  holder_name: string;
  holder_tax_code: string | null;
  contact_email: string | null;
  mobile: string | null;
  plan: string | null;
  quota_bytes: number;
  used_bytes: Generated<number>;
  message_count: Generated<number>;
  status: string;
  activated_at: number | null;
  expires_at: number | null;
  ordinary_mail_policy: string;
  forward_address: string | null;
  password_hash: string | null;
  failed_logins: Generated<number>;
  last_failed_login_at: number | null;
  last_login_at: number | null;
  last_uid_validity: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface FoldersTable {
  id: Generated<number>;
  mailbox_id: number;
  name: string;
  uid_validity: number;
  uid_next: number;
  highest_modseq: number;
  special_use: string | null;
  created_at: number;
  /** Highest UID already seen as `\\Recent` by a session (migration 8). */
  recent_uid: Generated<number>;
  /** 1 for the security archive, whose bytes the box usage leaves out (migration 29). */
  security_archive: Generated<number>;
}

/** Subscribed names of a mailbox, whether or not a folder has that name (migration 7). */
export interface SubscriptionsTable {
  mailbox_id: number;
  name: string;
}

export interface MessagesTable {
  folder_id: number;
  uid: number;
  modseq: number;
  blob_key: string;
  size: number;
  internal_date: number;
  /** RFC 8514 save date (migration 21): when the row was stored in this folder. */
  save_date: number;
  /** RFC 5256 §2.2 sent time (migration 31); NULL for rows stored before it until listed by date. */
  sent_at: number | null;
  flags: string;
  seen: number;
  deleted: number;
  envelope: string;
  structure: string;
  pec_type: string | null;
  pec_reference: string | null;
}

export interface ExpungedTable {
  folder_id: number;
  uid: number;
  modseq: number;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  status: string;
  run_at: number;
  attempts: Generated<number>;
  last_error: string | null;
  lease_token: string | null;
  lease_owner: string | null;
  lease_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface TrackedMessagesTable {
  id: Generated<number>;
  identifier: string;
  sender: string;
  subject: string | null;
  original_msgid: string | null;
  accepted_at: number;
  /** Migration 11; null for messages tracked before it. */
  envelope_blob_key: string | null;
}

/** One `<event>_at`, `<event>_receipt`, `<event>_detail` triple per delivery event. */
export interface TrackedRecipientsTable {
  message_id: number;
  ordinal: number;
  address: string;
  kind: string;
  status: string;
  status_at: number;
  is_final: number;
  taken_in_charge_at: number | null;
  taken_in_charge_receipt: string | null;
  taken_in_charge_detail: string | null;
  timeout_12h_at: number | null;
  timeout_12h_receipt: string | null;
  timeout_12h_detail: string | null;
  delivered_at: number | null;
  delivered_receipt: string | null;
  delivered_detail: string | null;
  error_at: number | null;
  error_receipt: string | null;
  error_detail: string | null;
  timeout_24h_at: number | null;
  timeout_24h_receipt: string | null;
  timeout_24h_detail: string | null;
}

export interface LegalLogTable {
  seq: number;
  at: number;
  event_type: string;
  msgid: string;
  sender: string;
  recipients: string;
  subject: string | null;
  related_msgids: string;
  sending_provider: string | null;
  prev_hash: string;
  hash: string;
}

/** Search terms of the legal log: kind `msgid`, `sender` or `recipient`; addresses lower-cased. */
export interface LegalLogTermsTable {
  seq: number;
  kind: string;
  value: string;
}

/** Single row (id 1): the chain's last entry and the anchor verification starts from. */
export interface LegalLogHeadTable {
  id: number;
  seq: number;
  hash: string;
  anchor_seq: number;
  anchor_hash: string;
}

export interface LegalLogPurgesTable {
  id: Generated<number>;
  purged_at: number;
  before_at: number;
  from_seq: number;
  through_seq: number;
  through_hash: string;
  count: number;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: number;
}

export interface Database {
  domains: DomainsTable;
  mailboxes: MailboxesTable;
  folders: FoldersTable;
  subscriptions: SubscriptionsTable;
  messages: MessagesTable;
  expunged: ExpungedTable;
  jobs: JobsTable;
  tracked_messages: TrackedMessagesTable;
  tracked_recipients: TrackedRecipientsTable;
  legal_log: LegalLogTable;
  legal_log_terms: LegalLogTermsTable;
  legal_log_head: LegalLogHeadTable;
  legal_log_purges: LegalLogPurgesTable;
  schema_migrations: SchemaMigrationsTable;
}
