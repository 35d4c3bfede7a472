/**
 * The holder's own security settings, in no protocol's words: the TOTP second factor (enrolment,
 * confirmation, checking a code at sign-in, disabling), recovery codes, app passwords for mail
 * clients, and changing the password. The HTTP adapter maps these outcomes to its wire.
 */
import type { RefusalOf } from '../refusal/refusal.ts';

/** A wrong password or code, or too many of them. */
export type CredentialRefusal = RefusalOf<'authentication-failed' | 'too-many-failures'>;

/** A request that does not fit the account's state; `problem` says why, in English. */
export interface StateConflict {
  readonly ok: false;
  readonly conflict: string;
}

export type Outcome<T> =
  ({ readonly ok: true } & T) | { readonly ok: false; readonly refusal: CredentialRefusal } | StateConflict;

export interface TwoFactorStatus {
  readonly enabled: boolean;
  readonly enabledAt: Date | null;
  /** Unused recovery codes. */
  readonly recoveryCodesLeft: number;
}

export interface TwoFactor {
  status(mailboxId: number): Promise<TwoFactorStatus>;
  isEnabled(mailboxId: number): Promise<boolean>;
  /** A new key, pending until confirmed: its otpauth URI (for the QR code) and base32 text. */
  beginEnrolment(mailboxId: number, address: string): Promise<Outcome<{ uri: string; secret: string }>>;
  /** Enables the pending key if `code` is its current code; returns the recovery codes, shown once. */
  confirmEnrolment(
    mailboxId: number,
    address: string,
    code: string,
    remoteAddress: string,
  ): Promise<Outcome<{ recoveryCodes: string[] }>>;
  /** Checks a TOTP code (never the same step twice) or spends a recovery code. */
  verify(
    mailboxId: number,
    address: string,
    code: string,
    remoteAddress: string,
  ): Promise<Outcome<{ recoveryCodeUsed: boolean }>>;
  /** Turns the second factor off: needs the password and a code (or a recovery code). */
  disable(
    mailboxId: number,
    address: string,
    password: string,
    code: string,
    remoteAddress: string,
  ): Promise<Outcome<object>>;
  /** New recovery codes replacing the old ones; needs a current code. */
  renewRecoveryCodes(
    mailboxId: number,
    address: string,
    code: string,
    remoteAddress: string,
  ): Promise<Outcome<{ recoveryCodes: string[] }>>;
}

export interface AppPasswordView {
  readonly id: number;
  readonly name: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
}

export interface AppPasswords {
  list(mailboxId: number): Promise<AppPasswordView[]>;
  /** A new app password: the secret is returned once and stored only hashed. */
  create(
    mailboxId: number,
    name: string,
  ): Promise<Outcome<{ appPassword: AppPasswordView; password: string }>>;
  /** False when the box has no such app password. */
  revoke(mailboxId: number, id: number): Promise<boolean>;
}

export interface PasswordChange {
  /** Checks the current password, sets the new one; the caller signs the other sessions out. */
  change(request: {
    readonly mailboxId: number;
    readonly address: string;
    readonly currentPassword: string;
    readonly newPassword: string;
    readonly signOutAppPasswords: boolean;
    readonly remoteAddress: string;
  }): Promise<Outcome<{ appPasswordsRevoked: number }>>;
}
