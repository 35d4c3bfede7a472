/**
 * Why a request was refused, in no protocol's words: the one vocabulary that services return and
 * that each adapter turns into its wire reply in one module (SMTP reply and RFC 3463 enhanced code,
 * IMAP response code of RFC 5530, POP3 `-ERR [CODE]` of RFC 2449/3206, HTTP problem+json of
 * RFC 9457). A refusal carries the facts a reply needs (a limit, an address, a notice's
 * identificativo), never a reply code. docs/refusals.md describes every reason and its mappings.
 */

/** Logging in and keeping a session (every protocol). */
export type SessionRefusal =
  /** A request that needs a logged-in mailbox came before a successful login. */
  | { readonly reason: 'authentication-required' }
  /** Credentials may travel only under TLS (pec-spec §8.6): start TLS first. */
  | { readonly reason: 'encryption-required' }
  /** Wrong user name or password; never says whether the address exists. */
  | { readonly reason: 'authentication-failed' }
  /** The client tried to act as another mailbox (SASL authorisation identity). */
  | { readonly reason: 'foreign-identity' }
  /** Too many failed logins for this address or mailbox; a later attempt may succeed. */
  | { readonly reason: 'too-many-failures'; readonly retryAfterSeconds?: number }
  /** The mailbox is suspended or deactivated; its holder must contact the provider. */
  | { readonly reason: 'mailbox-disabled' }
  /** The right credentials from a network outside the box's allow-list of sign-in networks. */
  | { readonly reason: 'network-not-allowed' }
  /** Too many simultaneous sessions, from one network address or for one mailbox. */
  | {
      readonly reason: 'too-many-connections';
      /** Which count is full: one remote address, its /24, the whole listener, or one mailbox. */
      readonly scope: 'address' | 'network' | 'server' | 'mailbox';
    }
  /** Another session holds the mailbox exclusively (a POP3 maildrop lock, RFC 1939 §8). */
  | { readonly reason: 'mailbox-in-use' }
  /** The server is stopping; the same request later will be served. */
  | { readonly reason: 'shutting-down' }
  /** We failed (storage, a bug); nothing was done and the request may be retried. */
  | { readonly reason: 'internal-error' };

/** The submission envelope, before the message is read (pec-spec §2.2 step 1, decision 0004). */
export type EnvelopeRefusal =
  /** The reverse-path is not the authenticated mailbox (pec-spec §2.2 step 1). */
  | { readonly reason: 'sender-not-holder'; readonly sender: string }
  /** The authenticated user has no PEC mailbox (none, or deleted). */
  | { readonly reason: 'sender-unknown' }
  /** The mailbox exists but may not send now; it keeps receiving. */
  | { readonly reason: 'sending-disabled'; readonly cause: 'suspended' | 'expired' | 'not-yet-active' }
  /**
   * The box is past its expiry date: until `receivesUntil` it keeps receiving and can be renewed,
   * but cannot send (Super Ricezione, decision 0016). Dates are `YYYY-MM-DD` (UTC).
   */
  | { readonly reason: 'mailbox-expired'; readonly expiredOn: string; readonly receivesUntil: string }
  /** The mailbox is over its quota: `send` blocks sending (receiving continues), `store` one filing. */
  | { readonly reason: 'quota-exceeded'; readonly operation: 'send' | 'store' }
  /** The address is not an addr-spec we accept (RFC 5321 §4.1.2). */
  | { readonly reason: 'invalid-address'; readonly address: string }
  /** More recipients than one transaction may carry (transient: the client sends the rest later). */
  | { readonly reason: 'too-many-recipients'; readonly limit: number }
  /** A recipient outside every domain of this provider, at the MX: we are not an open relay. */
  | { readonly reason: 'relay-denied'; readonly domain: string };

/** The message itself (decision 0004, pec-spec §2.2 steps 2–3, §2.3). */
export type MessageRefusal =
  /** The message, or its header block, is larger than the limit (pec-spec §6.5). */
  | { readonly reason: 'message-too-large'; readonly limitBytes: number; readonly part: 'message' | 'header' }
  /** A text line is longer than the limit in octets, CRLF included (RFC 5321 §4.5.3.1.6). */
  | { readonly reason: 'line-too-long'; readonly limitOctets: number }
  /** The message stopped arriving before its end; nothing was kept. */
  | { readonly reason: 'message-incomplete' }
  /**
   * The message fails the formal checks of the access point (pec-spec §2.2 step 2); `problem` says
   * which, in English; `notice` is the identificativo of the non-acceptance notice filed for it.
   */
  | { readonly reason: 'malformed-message'; readonly problem: string; readonly notice?: string }
  /** The antivirus found `signature` (pec-spec §2.1); `notice` as for `malformed-message`. */
  | { readonly reason: 'virus-found'; readonly signature: string | undefined; readonly notice?: string };

/** One recipient of a received message that cannot take it (pec-spec §2.4 point 4, §6.6). */
export type RecipientRefusal =
  /** No mailbox with this address on our domains. */
  | { readonly reason: 'recipient-unknown'; readonly address: string }
  /** A PEC mailbox that accepts only certified mail got ordinary mail (pec-spec §6.6). */
  | { readonly reason: 'certified-mail-only'; readonly address: string }
  /** The recipient's mailbox is suspended or deactivated. */
  | { readonly reason: 'recipient-disabled'; readonly address: string }
  /**
   * The recipient's spam filter scored ordinary mail at or over the holder's threshold and the holder
   * chose to refuse it (decision 0034). Never for a signed PEC, which is only labelled.
   */
  | {
      readonly reason: 'refused-as-spam';
      readonly address: string;
      readonly score: number;
      readonly threshold: number;
    };

/** Every recipient of the transaction failed, each for its own reason (the first one decides codes). */
export interface AllRecipientsRefused {
  readonly reason: 'all-recipients-refused';
  readonly refusals: readonly [RecipientRefusal, ...RecipientRefusal[]];
}

/** Folders of a mailbox and the messages in them (RFC 9051 operations, the coming webmail). */
export type FolderRefusal =
  /**
   * No folder `folder`. `destination`: it was the target of a filing (APPEND, COPY, MOVE), which
   * succeeds once the folder is created (IMAP `[TRYCREATE]`).
   */
  | { readonly reason: 'no-such-folder'; readonly folder: string; readonly destination: boolean }
  /** The name is taken; `below`: by a folder under the requested one (a rename would collide). */
  | { readonly reason: 'folder-exists'; readonly folder: string; readonly below?: boolean }
  /** The name is not acceptable; `problem` says why, in English. */
  | { readonly reason: 'invalid-folder-name'; readonly problem: string }
  /** The folder has subfolders and cannot be deleted before them. */
  | { readonly reason: 'folder-has-children'; readonly folder: string }
  /** The operation is never allowed on this folder (deleting INBOX, moving a folder into itself). */
  | { readonly reason: 'folder-operation-refused'; readonly problem: string }
  /** The message was removed (by another session) after the client learnt of it. */
  | { readonly reason: 'message-expunged' };

/** One refusal: the reason and its facts. */
export type Refusal =
  SessionRefusal | EnvelopeRefusal | MessageRefusal | RecipientRefusal | AllRecipientsRefused | FolderRefusal;

/** The closed list of reason codes. */
export type RefusalReason = Refusal['reason'];

/** The refusal with reason `R`. */
export type RefusalOf<R extends RefusalReason> = Extract<Refusal, { readonly reason: R }>;
