/**
 * What the streaming IMAP command reader (command-reader.ts) hands to the session: a complete
 * command, a request to answer a synchronising literal with `+` (RFC 9051 §7.5), a raw continuation
 * line (SASL, IDLE's DONE), or an error the session answers with BAD and resynchronises after.
 */
import type { ImapValue } from './imap-value.ts';

export type ReaderErrorCode = 'line-too-long' | 'literal-too-large' | 'syntax';

export type ReaderEvent =
  | {
      readonly kind: 'command';
      readonly tag: string;
      /** Command name, upper-cased (`UID` for UID commands: the subcommand is `args[0]`). */
      readonly name: string;
      readonly args: readonly ImapValue[];
      /** The command's lines joined with CRLF, literal payloads left out, for logs (may hold a quoted password). */
      readonly raw: string;
    }
  /** A synchronising literal was announced: the session must now send `+ ...` (RFC 9051 §7.5). */
  | { readonly kind: 'continue-literal'; readonly tag: string; readonly size: number }
  /** The raw line asked for with `readContinuationLine` (SASL response, IDLE's DONE). */
  | { readonly kind: 'continuation-line'; readonly line: string }
  | {
      readonly kind: 'error';
      readonly tag?: string;
      readonly code: ReaderErrorCode;
      readonly message: string;
      /** Set on `literal-too-large` for a `{n+}` literal: its bytes are coming anyway (RFC 7888 §4). */
      readonly nonSyncLiteral?: true;
    };
