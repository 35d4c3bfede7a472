/**
 * Passkeys (W3C WebAuthn Level 2, decision 0032), in no protocol's words: a holder registers
 * discoverable credentials, names them, sees when each was last used and removes them; a sign-in
 * proves one of them, as the second factor of a password sign-in or alone (passwordless). The
 * ceremonies' options and responses are the JSON shapes of @simplewebauthn, which the browser's
 * library produces; the HTTP adapter passes them through.
 */
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';

export type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
};

export interface PasskeyView {
  readonly id: number;
  readonly name: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
}

export interface PasskeySettings {
  /** The relying party ID: the host name of the webmail's public address (WebAuthn §5.1.4). */
  readonly rpId: string;
  /** The webmail's public origin; when `rpId` is localhost, any port of it is accepted (tests, development). */
  readonly origin: string;
  /** What the authenticator shows beside the account (the provider's name). */
  readonly rpName: string;
}

/** Why a ceremony's response was refused, in English for the problem's detail. */
export type PasskeyProblem = string;

export type PasskeyCheck =
  | { readonly ok: true; readonly mailboxId: number; readonly passkeyId: number }
  | {
      readonly ok: false;
      readonly problem: PasskeyProblem;
      /** The box the credential belongs to, when it is one we know (for its access history). */
      readonly mailboxId: number | null;
    };

export interface Passkeys {
  list(mailboxId: number): Promise<PasskeyView[]>;
  /** Options for navigator.credentials.create(), with a new single-use challenge for this box. */
  registrationOptions(
    mailboxId: number,
    address: string,
    displayName: string,
  ): Promise<PublicKeyCredentialCreationOptionsJSON>;
  /** Verifies the browser's answer to those options and keeps the credential under `name`. */
  register(
    mailboxId: number,
    name: string,
    response: RegistrationResponseJSON,
  ): Promise<
    { readonly ok: true; readonly passkey: PasskeyView } | { readonly ok: false; readonly problem: string }
  >;
  /** False when the box has no such passkey. */
  remove(mailboxId: number, id: number): Promise<boolean>;
  /**
   * Options for navigator.credentials.get(): for a box's second factor (its passkeys allowed), or,
   * with null, for a passwordless sign-in with a discoverable passkey (user verification required).
   */
  signInOptions(mailboxId: number | null): Promise<PublicKeyCredentialRequestOptionsJSON>;
  /** Checks an assertion against a challenge of `signInOptions` for the same box (or null). */
  verifySignIn(response: AuthenticationResponseJSON, mailboxId: number | null): Promise<PasskeyCheck>;
}
