/**
 * The CAPABILITY list (RFC 9051 §7.2.2) for a connection's state and transport, Dovecot-style: a
 * short list before login, the full one after. Before TLS on the plain port: STARTTLS and
 * LOGINDISABLED, no AUTH= (RFC 9051 §6.2.1, pec-spec §8.6). Message-level capabilities are announced
 * only when the commands they need are in the dispatch table, so nothing unimplemented is advertised.
 */
import type { CommandName } from './command-descriptor.ts';

export interface CapabilityInput {
  readonly authenticated: boolean;
  /** TLS is active (implicit TLS or after STARTTLS). */
  readonly secure: boolean;
  /** STARTTLS can be offered (plain port, TLS material present). */
  readonly canStartTls: boolean;
  /** Names in the dispatch table. */
  readonly commands: ReadonlySet<CommandName>;
}

/** Capabilities of the session and folder commands, always present after login. */
const sessionCapabilities = [
  'LITERAL+',
  'SASL-IR',
  'ID',
  'ENABLE',
  'IDLE',
  'NAMESPACE',
  'UNSELECT',
  'SPECIAL-USE',
  'LIST-EXTENDED',
  'LIST-STATUS',
  'QUOTA',
  'QUOTA=RES-STORAGE',
];

/**
 * Extension → the commands it needs (RFC 4315 UIDPLUS, RFC 6851 MOVE, RFC 7162 CONDSTORE and QRESYNC, RFC 4731, RFC 5256;
 * RFC 3502 MULTIAPPEND, RFC 3516 BINARY, RFC 5032 WITHIN, RFC 5182 SEARCHRES, RFC 8438 STATUS=SIZE,
 * RFC 5957 SORT=DISPLAY, RFC 5267 §3 ESORT, RFC 5267 §4 CONTEXT=SEARCH and CONTEXT=SORT,
 * RFC 9394 PARTIAL, RFC 8970 PREVIEW, RFC 8474 OBJECTID, RFC 8514 SAVEDATE, RFC 4469 CATENATE).
 */
const messageCapabilities: readonly (readonly [string, readonly CommandName[]])[] = [
  ['UIDPLUS', ['EXPUNGE', 'APPEND', 'COPY']],
  ['MOVE', ['MOVE']],
  ['CONDSTORE', ['FETCH', 'STORE', 'SEARCH']],
  ['QRESYNC', ['ENABLE', 'SELECT', 'EXAMINE', 'FETCH', 'STORE', 'SEARCH', 'EXPUNGE']],
  ['ESEARCH', ['SEARCH']],
  ['SORT', ['SORT']],
  ['THREAD=REFERENCES', ['THREAD']],
  ['THREAD=ORDEREDSUBJECT', ['THREAD']],
  ['MULTIAPPEND', ['APPEND']],
  ['BINARY', ['FETCH', 'APPEND']],
  ['WITHIN', ['SEARCH']],
  ['SEARCHRES', ['SEARCH', 'FETCH', 'STORE', 'COPY']],
  ['STATUS=SIZE', ['STATUS']],
  ['SORT=DISPLAY', ['SORT']],
  ['ESORT', ['SORT']],
  ['CONTEXT=SEARCH', ['SEARCH', 'CANCELUPDATE']],
  ['CONTEXT=SORT', ['SORT', 'CANCELUPDATE']],
  ['PARTIAL', ['SEARCH', 'SORT', 'FETCH']],
  ['PREVIEW', ['FETCH']],
  ['OBJECTID', ['SELECT', 'CREATE', 'STATUS', 'FETCH', 'SEARCH']],
  ['SAVEDATE', ['FETCH', 'SEARCH']],
  ['CATENATE', ['APPEND']],
];

/** IMAP4rev2 (RFC 9051) needs the whole base command set, including MOVE, UIDPLUS and ESEARCH. */
const rev2Commands: readonly CommandName[] = [
  'FETCH',
  'STORE',
  'SEARCH',
  'COPY',
  'MOVE',
  'EXPUNGE',
  'APPEND',
];

export function imapCapabilities(input: CapabilityInput): string[] {
  const has = (names: readonly CommandName[]) => names.every((name) => input.commands.has(name));
  const base = has(rev2Commands) ? ['IMAP4rev1', 'IMAP4rev2'] : ['IMAP4rev1'];
  if (!input.authenticated) {
    const auth = input.secure ? ['AUTH=PLAIN', 'AUTH=LOGIN'] : ['LOGINDISABLED'];
    const tls = input.canStartTls && !input.secure ? ['STARTTLS'] : [];
    return [...base, 'SASL-IR', 'LITERAL+', 'ID', 'ENABLE', 'IDLE', ...tls, ...auth];
  }
  return [
    ...base,
    ...sessionCapabilities,
    ...messageCapabilities.filter(([, needs]) => has(needs)).map(([name]) => name),
  ];
}
