/**
 * Port for the holders' passkeys (WebAuthn public-key credentials, decision 0032) and the
 * challenges of their ceremonies. A passkey is only a public key: nothing here is secret. A
 * challenge is kept server-side until it is taken, once, before it expires (W3C WebAuthn §13.4.3:
 * challenges are random, single use and checked by the relying party).
 */

export interface PasskeyRecord {
  readonly id: number;
  readonly mailboxId: number;
  /** The holder's name for it (the device or password manager). */
  readonly name: string;
  /** The credential ID, base64url. */
  readonly credentialId: string;
  /** The COSE public key, base64url. */
  readonly publicKey: string;
  /** The signature counter last seen (WebAuthn §6.1.1); 0 for authenticators that keep none. */
  readonly counter: number;
  /** The authenticator's transports (usb, nfc, ble, internal, hybrid), as the browser told them. */
  readonly transports: readonly string[];
  /** The WebAuthn user handle of the box, base64url (the same for every passkey of a box). */
  readonly userHandle: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
}

export type NewPasskey = Omit<PasskeyRecord, 'id' | 'lastUsedAt'>;

/** What a ceremony's challenge is for. */
export type ChallengePurpose = 'register' | 'sign-in';

export interface ChallengeRecord {
  /** The challenge, base64url, as the browser signs it into clientDataJSON. */
  readonly challenge: string;
  readonly purpose: ChallengePurpose;
  /** The box a registration or a second-factor sign-in is for; null for a passwordless sign-in. */
  readonly mailboxId: number | null;
  readonly expiresAt: Date;
}

export interface PasskeyStore {
  /** Undefined when the credential ID is already registered (to any box). */
  add(passkey: NewPasskey): Promise<PasskeyRecord | undefined>;
  /** Oldest first. */
  list(mailboxId: number): Promise<PasskeyRecord[]>;
  findByCredentialId(credentialId: string): Promise<PasskeyRecord | undefined>;
  /**
   * Records a sign-in with the counter it carried, only if the stored counter is still `expected`
   * (one conditional statement, so two nodes cannot both accept the same counter); false otherwise.
   */
  recordUse(id: number, expected: number, counter: number, at: Date): Promise<boolean>;
  /** False when the box has no passkey with this id. */
  remove(mailboxId: number, id: number): Promise<boolean>;

  saveChallenge(challenge: ChallengeRecord): Promise<void>;
  /** Takes the challenge (it is deleted): undefined when unknown, already taken or expired at `now`. */
  takeChallenge(challenge: string, now: Date): Promise<ChallengeRecord | undefined>;
  /** Deletes the challenges expired at `now`; returns how many. */
  purgeChallenges(now: Date): Promise<number>;
}
