/**
 * The webmail's sessions, in no protocol's words: signing in through the shared Authenticator (so
 * the access history and the login throttle apply as for IMAP, POP3 and SMTP), finding the session
 * a token names, and ending it. The HTTP adapter turns tokens into cookies.
 */
import type { LoginRefusal } from '../accounts/authenticator.ts';

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
      /** The secret the browser keeps (256 random bits, base64url); stored only hashed. */
      readonly token: string;
      readonly session: WebSession;
      /** How long the browser should keep the token; undefined: for the browser session only. */
      readonly keepSeconds: number | undefined;
    }
  | { readonly ok: false; readonly refusal: LoginRefusal };

export interface WebSessions {
  signIn(request: SignInRequest): Promise<SignInResult>;
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
