/**
 * Response codes inside `[...]` of status responses (RFC 9051 §7.1, RFC 3501 §7.1; APPENDUID/COPYUID
 * RFC 4315; HIGHESTMODSEQ/NOMODSEQ/MODIFIED RFC 7162; RFC 5530 codes; TOOBIG RFC 7888/4469;
 * CLOSED RFC 7162 §3.2.11; NOUPDATE RFC 5267 §4.3.1) and their exact wire text.
 */

import { compressSequenceSet } from '../sequence-set.ts';

/** Codes without data. */
export type SimpleResponseCodeName =
  | 'ALERT'
  | 'PARSE'
  | 'READ-ONLY'
  | 'READ-WRITE'
  | 'TRYCREATE'
  | 'NOMODSEQ'
  | 'AUTHENTICATIONFAILED'
  | 'AUTHORIZATIONFAILED'
  | 'EXPIRED'
  | 'PRIVACYREQUIRED'
  | 'CONTACTADMIN'
  | 'NOPERM'
  | 'INUSE'
  | 'EXPUNGEISSUED'
  | 'CORRUPTION'
  | 'SERVERBUG'
  | 'CLIENTBUG'
  | 'CANNOT'
  | 'LIMIT'
  | 'OVERQUOTA'
  | 'ALREADYEXISTS'
  | 'NONEXISTENT'
  | 'UNAVAILABLE'
  | 'CLOSED'
  | 'HASCHILDREN'
  | 'NOTSAVED'
  | 'UNKNOWN-CTE'
  | 'TOOBIG'
  | 'USEATTR'
  | 'UIDNOTSTICKY'
  | 'COMPRESSIONACTIVE';

export type ResponseCode =
  | { readonly kind: SimpleResponseCodeName }
  | { readonly kind: 'CAPABILITY'; readonly capabilities: readonly string[] }
  | { readonly kind: 'UIDVALIDITY' | 'UIDNEXT' | 'UNSEEN' | 'HIGHESTMODSEQ'; readonly value: number }
  | { readonly kind: 'PERMANENTFLAGS'; readonly flags: readonly string[] }
  | { readonly kind: 'BADCHARSET'; readonly charsets?: readonly string[] }
  /** RFC 4315: the UIDs given to the appended message(s), in append order. */
  | { readonly kind: 'APPENDUID'; readonly uidValidity: number; readonly uids: readonly number[] }
  /** RFC 4315: source and destination UIDs, pairwise in the same order. */
  | {
      readonly kind: 'COPYUID';
      readonly uidValidity: number;
      readonly sourceUids: readonly number[];
      readonly destinationUids: readonly number[];
    }
  /** RFC 8474 §4.1: the object id of the created or selected mailbox. */
  | { readonly kind: 'MAILBOXID'; readonly id: string }
  /** RFC 7162 §3.1.3: messages that failed UNCHANGEDSINCE (sequence numbers or UIDs). */
  | { readonly kind: 'MODIFIED'; readonly ids: readonly number[] }
  /** RFC 5267 §4.3.1: the search tagged `tag` gets no live updates (tags never contain `"` or `\`). */
  | { readonly kind: 'NOUPDATE'; readonly tag: string }
  /** Any other code, written verbatim between the brackets (e.g. `REFERRAL imap://...`). */
  | { readonly kind: 'other'; readonly text: string };

/** The text between `[` and `]`. */
export function renderResponseCode(code: ResponseCode): string {
  switch (code.kind) {
    case 'CAPABILITY':
      return ['CAPABILITY', ...code.capabilities].join(' ');
    case 'UIDVALIDITY':
    case 'UIDNEXT':
    case 'UNSEEN':
    case 'HIGHESTMODSEQ':
      return `${code.kind} ${code.value}`;
    case 'MAILBOXID':
      return `MAILBOXID (${code.id})`;
    case 'NOUPDATE':
      return `NOUPDATE "${code.tag}"`;
    case 'PERMANENTFLAGS':
      return `PERMANENTFLAGS (${code.flags.join(' ')})`;
    case 'BADCHARSET':
      return code.charsets === undefined || code.charsets.length === 0
        ? 'BADCHARSET'
        : `BADCHARSET (${code.charsets.join(' ')})`;
    case 'APPENDUID':
      return `APPENDUID ${code.uidValidity} ${compressSequenceSet(code.uids, { preserveOrder: true })}`;
    case 'COPYUID': {
      const source = compressSequenceSet(code.sourceUids, { preserveOrder: true });
      const destination = compressSequenceSet(code.destinationUids, { preserveOrder: true });
      return `COPYUID ${code.uidValidity} ${source} ${destination}`;
    }
    case 'MODIFIED':
      return `MODIFIED ${compressSequenceSet(code.ids)}`;
    case 'other':
      return code.text.replace(/[\r\n\]]/g, ' ');
    default:
      return code.kind;
  }
}
