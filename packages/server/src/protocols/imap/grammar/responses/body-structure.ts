/**
 * BODY and BODYSTRUCTURE (RFC 9051 §7.5.2 `body`, RFC 3501 §7.4.2) as a typed tree that a later layer
 * fills from the stored MIME structure, and its exact serialisation: BODY omits extension data,
 * BODYSTRUCTURE includes it. TEXT parts carry line counts; MESSAGE/RFC822 and MESSAGE/GLOBAL parts
 * carry the embedded message's envelope, structure and line count.
 */

import { writeEnvelope, type ImapEnvelope } from './envelope.ts';
import type { WireWriter } from './wire-writer.ts';

export interface ImapBodyParameter {
  readonly name: string;
  readonly value: string;
}

export interface ImapBodyDisposition {
  /** e.g. `attachment`, `inline`. */
  readonly type: string;
  readonly parameters: readonly ImapBodyParameter[];
}

/** Extension data shared by both part kinds (BODYSTRUCTURE only). */
export interface ImapBodyExtension {
  readonly disposition?: ImapBodyDisposition | null;
  /** Content-Language tags; null or empty is NIL. */
  readonly language?: readonly string[] | null;
  readonly location?: string | null;
}

export interface ImapSinglePart extends ImapBodyExtension {
  readonly kind: 'single';
  readonly type: string;
  readonly subtype: string;
  readonly parameters: readonly ImapBodyParameter[];
  readonly id: string | null;
  readonly description: string | null;
  /** Content-Transfer-Encoding, e.g. `7BIT`, `BASE64`. */
  readonly encoding: string;
  /** Body size in octets, as encoded. */
  readonly size: number;
  /** Line count of the encoded body: required for TEXT/* and MESSAGE/RFC822 (0 if omitted). */
  readonly lines?: number;
  /** The embedded message of a MESSAGE/RFC822 or MESSAGE/GLOBAL part. */
  readonly message?: { readonly envelope: ImapEnvelope; readonly body: ImapBodyStructure };
  readonly md5?: string | null;
}

export interface ImapMultipart extends ImapBodyExtension {
  readonly kind: 'multipart';
  /** e.g. `MIXED`, `ALTERNATIVE`. */
  readonly subtype: string;
  /** At least one part (RFC 9051 `body-type-mpart`); an empty list is written as one empty text part. */
  readonly parts: readonly ImapBodyStructure[];
  readonly parameters: readonly ImapBodyParameter[];
}

export type ImapBodyStructure = ImapSinglePart | ImapMultipart;

const emptyPart: ImapSinglePart = {
  kind: 'single',
  type: 'TEXT',
  subtype: 'PLAIN',
  parameters: [],
  id: null,
  description: null,
  encoding: '7BIT',
  size: 0,
  lines: 0,
};

function writeParameters(out: WireWriter, parameters: readonly ImapBodyParameter[]): void {
  if (parameters.length === 0) {
    out.text('NIL');
    return;
  }
  out.text('(');
  parameters.forEach((p, i) => {
    if (i > 0) out.text(' ');
    out.string(p.name).text(' ').string(p.value);
  });
  out.text(')');
}

function writeExtension(out: WireWriter, part: ImapBodyExtension): void {
  out.text(' ');
  const disposition = part.disposition ?? null;
  if (disposition === null) out.text('NIL');
  else {
    out.text('(').string(disposition.type).text(' ');
    writeParameters(out, disposition.parameters);
    out.text(')');
  }
  out.text(' ');
  const language = part.language ?? null;
  if (language === null || language.length === 0) out.text('NIL');
  else if (language.length === 1 && language[0] !== undefined) out.string(language[0]);
  else {
    out.text('(');
    language.forEach((tag, i) => (i > 0 ? out.text(' ').string(tag) : out.string(tag)));
    out.text(')');
  }
  out.text(' ').nstring(part.location ?? null);
}

function isEmbeddedMessage(part: ImapSinglePart): boolean {
  const subtype = part.subtype.toUpperCase();
  return part.type.toUpperCase() === 'MESSAGE' && (subtype === 'RFC822' || subtype === 'GLOBAL');
}

function writeSingle(out: WireWriter, part: ImapSinglePart, extensible: boolean): void {
  out.text('(').string(part.type).text(' ').string(part.subtype).text(' ');
  writeParameters(out, part.parameters);
  out.text(' ').nstring(part.id).text(' ').nstring(part.description).text(' ');
  out.string(part.encoding).text(' ').number(part.size);
  if (part.message !== undefined && isEmbeddedMessage(part)) {
    out.text(' ');
    writeEnvelope(out, part.message.envelope);
    out.text(' ');
    writeBodyStructure(out, part.message.body, extensible);
    out.text(' ').number(part.lines ?? 0);
  } else if (part.type.toUpperCase() === 'TEXT') {
    out.text(' ').number(part.lines ?? 0);
  }
  if (extensible) {
    out.text(' ').nstring(part.md5 ?? null);
    writeExtension(out, part);
  }
  out.text(')');
}

/** Writes BODYSTRUCTURE (`extensible`) or BODY (without extension data). */
export function writeBodyStructure(out: WireWriter, body: ImapBodyStructure, extensible: boolean): void {
  if (body.kind === 'single') {
    writeSingle(out, body, extensible);
    return;
  }
  out.text('(');
  const parts = body.parts.length === 0 ? [emptyPart] : body.parts;
  for (const part of parts) writeBodyStructure(out, part, extensible);
  out.text(' ').string(body.subtype);
  if (extensible) {
    out.text(' ');
    writeParameters(out, body.parameters);
    writeExtension(out, body);
  }
  out.text(')');
}
