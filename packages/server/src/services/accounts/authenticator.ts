/**
 * The authentication seam shared by SMTP submission, IMAP, POP3 and the web: checks a password
 * against the stored argon2id hash, records the attempt for the access history, and throttles.
 * A refused login is a refusal of the shared vocabulary (docs/refusals.md).
 */
import type { RefusalOf } from '../refusal/refusal.ts';

export interface LoginAttempt {
  readonly username: string;
  readonly password: string;
  readonly protocol: 'smtp' | 'imap' | 'pop3' | 'http';
  readonly remoteAddress: string;
  /** Client identification when the protocol gives one (IMAP ID, User-Agent). */
  readonly clientId?: string | undefined;
}

export type LoginResult =
  | { readonly ok: true; readonly address: string; readonly mailboxId: number }
  | { readonly ok: false; readonly refusal: LoginRefusal };

/** Why a login was refused; the reply never says whether the address exists. */
export type LoginRefusal = RefusalOf<
  'authentication-failed' | 'too-many-failures' | 'mailbox-disabled' | 'network-not-allowed'
>;

export interface Authenticator {
  authenticate(attempt: LoginAttempt): Promise<LoginResult>;
}
