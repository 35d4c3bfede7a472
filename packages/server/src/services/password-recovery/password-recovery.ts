/**
 * Password recovery by the holder (decision 0027), in no protocol's words: the holder names the
 * box and the holder's tax code; a single-use link that expires soon goes to the contact e-mail on
 * file; the link sets a new password and signs every web session and app password out.
 */
import type { RefusalOf } from '../refusal/refusal.ts';

export type RecoveryRefusal = RefusalOf<'too-many-failures'>;

export interface RecoveryRequest {
  readonly address: string;
  readonly taxCode: string;
  readonly remoteAddress: string;
}

/**
 * `accepted` whatever the address and tax code (a link was sent only if they match a box with a
 * contact address); `invalid-tax-code` when the text cannot be a tax code at all (says nothing
 * about any box); a refusal when this address or network asked too often.
 */
export type RecoveryRequestOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly problem: 'invalid-tax-code' }
  | { readonly ok: false; readonly refusal: RecoveryRefusal };

export type RecoveryResetOutcome =
  | {
      readonly ok: true;
      readonly address: string;
      readonly appPasswordsRevoked: number;
      readonly sessionsEnded: number;
    }
  /** The link was spent, expired or never existed. */
  | { readonly ok: false; readonly problem: 'invalid-link' }
  /** The new password breaks the rules; `detail` says which, in English. */
  | { readonly ok: false; readonly problem: 'weak-password'; readonly detail: string }
  | { readonly ok: false; readonly refusal: RecoveryRefusal };

export interface PasswordRecovery {
  request(request: RecoveryRequest): Promise<RecoveryRequestOutcome>;
  /** Whether a link can still be spent (the page says so before asking for a password). */
  check(token: string): Promise<boolean>;
  reset(request: {
    readonly token: string;
    readonly newPassword: string;
    readonly remoteAddress: string;
  }): Promise<RecoveryResetOutcome>;
}
