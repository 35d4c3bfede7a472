/**
 * The mutable state of one IMAP connection (RFC 9051 §3): the protocol state, the authenticated
 * mailbox, the selected folder and the extensions the client enabled (RFC 5161 ENABLE: CONDSTORE,
 * QRESYNC, IMAP4rev2, UTF8=ACCEPT). Commands change it only through these methods, so the state
 * and the selected folder always agree.
 */
import { LiveSearches } from './live-searches.ts';
import type { SelectedFolder } from './selected-folder.ts';

export type SessionStateName = 'not-authenticated' | 'authenticated' | 'selected' | 'logout';

export type EnabledExtension = 'CONDSTORE' | 'QRESYNC' | 'IMAP4rev2' | 'UTF8=ACCEPT';

export interface AuthenticatedUser {
  readonly mailboxId: number;
  /** The PEC address, lower-cased. */
  readonly address: string;
}

export class SessionState {
  readonly remoteAddress: string;
  /** True on implicit TLS and after STARTTLS. */
  secure: boolean;
  readonly enabled = new Set<EnabledExtension>();
  /** The client's ID fields (RFC 2971), rendered `name/version` for the access history. */
  clientId: string | undefined;
  /** The SEARCHRES `$` result, as UIDs (RFC 5182); empty until a SEARCH RETURN (SAVE). */
  savedSearch: readonly number[] = [];
  /** Searches with live updates (RFC 5267 §4.3); they end when the folder is deselected. */
  readonly liveSearches = new LiveSearches();
  #state: SessionStateName = 'not-authenticated';
  #user: AuthenticatedUser | null = null;
  #selected: SelectedFolder | null = null;

  constructor(remoteAddress: string, secure: boolean) {
    this.remoteAddress = remoteAddress;
    this.secure = secure;
  }

  get state(): SessionStateName {
    return this.#state;
  }

  /** The logged-in mailbox; throws before authentication (commands declare their states). */
  get user(): AuthenticatedUser {
    if (this.#user === null) throw new Error('no authenticated user in this state');
    return this.#user;
  }

  get userOrNull(): AuthenticatedUser | null {
    return this.#user;
  }

  /** The selected folder; throws outside the selected state. */
  get selected(): SelectedFolder {
    if (this.#selected === null) throw new Error('no selected folder in this state');
    return this.#selected;
  }

  get selectedOrNull(): SelectedFolder | null {
    return this.#selected;
  }

  /** IMAP4rev2 enabled (RFC 9051 §6.3.1): rev2 response forms (no RECENT, ESEARCH, LIST STATUS…). */
  get rev2(): boolean {
    return this.enabled.has('IMAP4rev2');
  }

  /** CONDSTORE is on once enabled or implied by QRESYNC or a CONDSTORE-enabling command (RFC 7162 §3.1). */
  get condstore(): boolean {
    return this.enabled.has('CONDSTORE') || this.enabled.has('QRESYNC');
  }

  /** UTF-8 names and strings on the wire (RFC 6855, RFC 9051). */
  get utf8(): boolean {
    return this.enabled.has('UTF8=ACCEPT') || this.enabled.has('IMAP4rev2');
  }

  login(user: AuthenticatedUser): void {
    this.#user = user;
    this.#state = 'authenticated';
  }

  select(folder: SelectedFolder): void {
    this.#selected = folder;
    this.savedSearch = [];
    this.liveSearches.clear();
    this.#state = 'selected';
  }

  unselect(): void {
    this.#selected = null;
    this.savedSearch = [];
    this.liveSearches.clear();
    if (this.#state === 'selected') this.#state = 'authenticated';
  }

  logout(): void {
    this.#selected = null;
    this.liveSearches.clear();
    this.#state = 'logout';
  }
}
