/**
 * The raw token tree of one IMAP client command (RFC 3501 §4, RFC 9051 §4): what the command reader
 * produces before any command-specific typing. Atoms keep their exact text (NIL, numbers, flags,
 * sequence sets and `BODY[...]<...>` section atoms are all atoms); strings keep their decoded text;
 * literals keep their exact bytes.
 */

export type ImapValue = ImapAtom | ImapQuoted | ImapLiteral | ImapList;

/** A run of atom characters, including `[...]` sections such as `BODY.PEEK[HEADER.FIELDS (A B)]<0.10>`. */
export interface ImapAtom {
  readonly kind: 'atom';
  readonly value: string;
}

/** A quoted string with its escapes (`\"`, `\\`) removed, decoded as UTF-8. */
export interface ImapQuoted {
  readonly kind: 'quoted';
  readonly value: string;
}

/** A literal `{n}` / `{n+}` or, when `binary`, a literal8 `~{n}` (RFC 3516), byte-exact. */
export interface ImapLiteral {
  readonly kind: 'literal';
  readonly bytes: Uint8Array;
  readonly binary: boolean;
  /** True for a LITERAL+ / LITERAL- non-synchronising literal `{n+}` (RFC 7888). */
  readonly nonSync: boolean;
}

/** A parenthesised list. */
export interface ImapList {
  readonly kind: 'list';
  readonly items: readonly ImapValue[];
}
