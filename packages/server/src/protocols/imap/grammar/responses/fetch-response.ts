/**
 * Untagged FETCH responses (RFC 9051 §7.5.2, RFC 3501 §7.4.2; BINARY RFC 3516 §4.2; MODSEQ RFC 7162
 * §3.1.4): typed items serialised to exact bytes. Body data is copied byte for byte as a quoted string
 * when safe, else a literal, and BINARY data containing NUL as literal8 `~{n}`.
 */

import { renderSectionSpec, type BodySection } from '../body-section.ts';
import { formatImapDateTime } from '../imap-date.ts';
import { writeBodyStructure, type ImapBodyStructure } from './body-structure.ts';
import { writeEnvelope, type ImapEnvelope } from './envelope.ts';
import type { WireWriter } from './wire-writer.ts';

export type FetchItem =
  | { readonly kind: 'UID'; readonly uid: number }
  | { readonly kind: 'FLAGS'; readonly flags: readonly string[] }
  | { readonly kind: 'INTERNALDATE'; readonly date: Date; readonly offsetMinutes: number }
  /** RFC 8514 §4: when the message was saved in this folder; NIL when unknown. */
  | { readonly kind: 'SAVEDATE'; readonly date: Date | null; readonly offsetMinutes: number }
  | { readonly kind: 'RFC822.SIZE'; readonly size: number }
  | { readonly kind: 'MODSEQ'; readonly modseq: number }
  | { readonly kind: 'ENVELOPE'; readonly envelope: ImapEnvelope }
  /** BODY is the non-extensible form, BODYSTRUCTURE the extensible one. */
  | { readonly kind: 'BODY' | 'BODYSTRUCTURE'; readonly structure: ImapBodyStructure }
  /**
   * ENVELOPE, BODY or BODYSTRUCTURE whose value is already rendered: `text(utf8)` gives the exact
   * text `writeEnvelope`/`writeBodyStructure` write in that mode (a remembered rendering, see
   * commands/rendered-metadata.ts).
   */
  | {
      readonly kind: 'RENDERED';
      readonly name: 'ENVELOPE' | 'BODY' | 'BODYSTRUCTURE';
      readonly text: (utf8: boolean) => string;
    }
  /** `BODY[section]<origin> data`; `origin` is set for partial fetches; null data is NIL. */
  | {
      readonly kind: 'BODY[]';
      readonly section: BodySection;
      readonly origin?: number;
      readonly data: Uint8Array | null;
    }
  /** `BINARY[part]<origin> data` (decoded content). */
  | {
      readonly kind: 'BINARY[]';
      readonly part: readonly number[];
      readonly origin?: number;
      readonly data: Uint8Array | null;
    }
  | { readonly kind: 'BINARY.SIZE'; readonly part: readonly number[]; readonly size: number }
  | { readonly kind: 'RFC822' | 'RFC822.HEADER' | 'RFC822.TEXT'; readonly data: Uint8Array | null }
  /** RFC 8970: the preview text, NIL when none can be given. */
  | { readonly kind: 'PREVIEW'; readonly text: string | null }
  /** RFC 8474 §5: `EMAILID (id)`, `THREADID (id)` or `THREADID NIL`. */
  | { readonly kind: 'EMAILID' | 'THREADID'; readonly id: string | null };

function writeItem(out: WireWriter, item: FetchItem): void {
  switch (item.kind) {
    case 'UID':
      out.text(`UID ${item.uid}`);
      return;
    case 'FLAGS':
      out.text('FLAGS ').atomList(item.flags);
      return;
    case 'INTERNALDATE':
      out.text(`INTERNALDATE "${formatImapDateTime(item.date, item.offsetMinutes)}"`);
      return;
    case 'SAVEDATE':
      out.text(
        item.date === null
          ? 'SAVEDATE NIL'
          : `SAVEDATE "${formatImapDateTime(item.date, item.offsetMinutes)}"`,
      );
      return;
    case 'RFC822.SIZE':
      out.text(`RFC822.SIZE ${item.size}`);
      return;
    case 'MODSEQ':
      out.text(`MODSEQ (${item.modseq})`);
      return;
    case 'ENVELOPE':
      out.text('ENVELOPE ');
      writeEnvelope(out, item.envelope);
      return;
    case 'BODY':
    case 'BODYSTRUCTURE':
      out.text(`${item.kind} `);
      writeBodyStructure(out, item.structure, item.kind === 'BODYSTRUCTURE');
      return;
    case 'RENDERED':
      out.text(`${item.name} `).text(item.text(out.utf8));
      return;
    case 'BODY[]':
      out.text(
        `BODY[${renderSectionSpec(item.section)}]${item.origin === undefined ? '' : `<${item.origin}>`} `,
      );
      out.nstring(item.data);
      return;
    case 'BINARY[]': {
      out.text(`BINARY[${item.part.join('.')}]${item.origin === undefined ? '' : `<${item.origin}>`} `);
      const data = item.data;
      if (data === null) out.text('NIL');
      else if (data.includes(0)) out.literal(data, true);
      else out.string(data);
      return;
    }
    case 'BINARY.SIZE':
      out.text(`BINARY.SIZE[${item.part.join('.')}] ${item.size}`);
      return;
    case 'RFC822':
    case 'RFC822.HEADER':
    case 'RFC822.TEXT':
      out.text(`${item.kind} `).nstring(item.data);
      return;
    case 'PREVIEW':
      out.text('PREVIEW ').nstring(item.text);
      return;
    case 'EMAILID':
    case 'THREADID':
      out.text(item.id === null ? `${item.kind} NIL` : `${item.kind} (${item.id})`);
      return;
  }
}

/** Writes `* n FETCH (items)` CRLF. */
export function writeFetchResponse(out: WireWriter, sequence: number, items: readonly FetchItem[]): void {
  out.text(`* ${sequence} FETCH (`);
  items.forEach((item, i) => {
    if (i > 0) out.text(' ');
    writeItem(out, item);
  });
  out.text(')\r\n');
}
