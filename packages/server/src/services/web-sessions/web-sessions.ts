/**
 * The webmail's sessions, in no protocol's words: signing in through the shared Authenticator (so
 * the access history and the login throttle apply as for IMAP, POP3 and SMTP), finding the session
 * a token names, and ending it. The HTTP adapter turns tokens into cookies.
 */
import type { LoginRefusal } from '../accounts/authenticator.ts';
import type { RefusalOf } from '../refusal/refusal.ts';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '../passkeys/passkeys.ts';

/** A live session as the adapter sees it. */
export interface WebSession {
  readonly mailboxId: number;
  readonly address: string;
  readonly displayName: string;
  readonly staySignedIn: boolean;
  /** When the session ends if nothing else happens: the idle deadline or the absolute end, whichever is first. */
  readonly expiresAt: Date;
}

export interface SignInRequest {
  readonly address: string;
  readonly password: string;
  readonly staySignedIn: boolean;
  readonly remoteAddress: string;
  /** The browser's User-Agent, recorded in the access history. */
  readonly userAgent: string | undefined;
}

export type SignInResult =
  | {
      readonly ok: true;
      /**
       * The password was right and the box has a second factor: the token names a session that
       * serves only `completeSecondFactor`, for a few minutes.
       */
      readonly secondFactorRequired?: true;
      /** The secret the browser keeps (256 random bits, base64url); stored only hashed. */
      readonly token: string;
      readonly session: WebSession;
      /** How long the browser should keep the token; undefined: for the browser session only. */
      readonly keepSeconds: number | undefined;
    }
  | { readonly ok: false; readonly refusal: LoginRefusal | RefusalOf<'authentication-required'> };

/** One of the holder's sessions, as the session list shows it. */
export interface WebSessionSummary {
  /** Names the session in the API (the SHA-256 of its token: the token itself is never shown). */
  readonly id: string;
  /** The session making the request. */
  readonly current: boolean;
  readonly staySignedIn: boolean;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
  readonly userAgent: string | null;
  /** "Firefox on Linux", from the User-Agent; null when there was none. */
  readonly device: string | null;
  readonly remoteAddress: string;
}

export interface SecondFactorRequest {
  /** The token `signIn` returned with `secondFactorRequired`. */
  readonly token: string;
  /** A TOTP code or a recovery code. */
  readonly code: string;
  readonly remoteAddress: string;
  readonly userAgent: string | undefined;
}

export interface PasskeySignInRequest {
  /** The token of a password sign-in waiting for its second factor; undefined: passwordless. */
  readonly token: string | undefined;
  /** The browser's answer to `passkeyOptions`. */
  readonly credential: AuthenticationResponseJSON;
  /** For a passwordless sign-in; a second factor keeps the password step's choice. */
  readonly staySignedIn: boolean;
  readonly remoteAddress: string;
  readonly userAgent: string | undefined;
}

export interface WebSessions {
  signIn(request: SignInRequest): Promise<SignInResult>;
  /**
   * The second step: with the right code the half-open session is replaced by a full one under a
   * new token (so a token seen before the second factor is worth nothing after it).
   */
  completeSecondFactor(request: SecondFactorRequest): Promise<SignInResult>;
  /**
   * Options for a passkey sign-in: the second factor of the half-open session `token` names, or
   * passwordless when it names none; undefined when passkeys are not offered.
   */
  passkeyOptions(token: string | undefined): Promise<PublicKeyCredentialRequestOptionsJSON | undefined>;
  /** Signs in with a passkey, as the second factor (then under a new token) or alone. */
  signInWithPasskey(request: PasskeySignInRequest): Promise<SignInResult>;
  /** The sessions of the holder of `token`, newest first; empty when `token` names none. */
  list(token: string): Promise<WebSessionSummary[]>;
  /** Ends one session of the same holder as `token`; false when the holder has no such session. */
  signOutSession(token: string, sessionId: string): Promise<boolean>;
  /** Ends every other session of the holder of `token`; returns how many. */
  signOutOthers(token: string): Promise<number>;
  /** Deletes the sessions that ended (absolute end, or idle); for the daily maintenance. */
  purgeExpired(): Promise<number>;
  /** The session the token names, or undefined (unknown, idle too long, past its end); records activity. */
  resolve(token: string): Promise<WebSession | undefined>;
  /** Ends the session the token names; an unknown token is ignored. */
  signOut(token: string): Promise<void>;
}

export interface WebSessionSettings {
  /** An ordinary session ends after this many minutes without a request. */
  readonly idleMinutes: number;
  /** An ordinary session ends this many hours after sign-in, whatever the activity. */
  readonly lifetimeHours: number;
  /** A "stay signed in" session lasts this many days, with no idle timeout. */
  readonly staySignedInDays: number;
}
