/**
 * Writes daticert.xml (pec-spec §4.1–§4.4) strictly and deterministically: UTF-8, the XML
 * declaration, no DOCTYPE, DTD element order, `tipo` before `errore` with `errore="nessuno"`
 * explicit, 4-space indentation and LF line ends like real Aruba files. The part travels base64
 * encoded (pec-spec §5), so LF is as safe as CRLF and matches what real providers sign.
 * Every output is valid against `daticert.dtd`.
 */
import type { Daticert, DaticertRecipient, ItalianDateTime } from './daticert.ts';
import { sanitizeXmlText } from './sanitize-xml-text.ts';
import {
  daticertAttributes as attr,
  daticertElements as el,
  daticertErrors,
  daticertTypes,
  receiptVariants,
  recipientKinds,
} from '../vocabulary.ts';

const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8"?>';
const indentUnit = '    ';
const lineEnd = '\n';

const daySyntax = /^\d{2}\/\d{2}\/\d{4}$/;
const timeSyntax = /^\d{2}:\d{2}:\d{2}$/;
const zoneSyntax = /^[+-]\d{4}$/;

const escapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
};

/** Escapes markup characters; CR becomes `&#13;` so that XML line-end handling keeps it. */
function escapeXml(value: string): string {
  return value.replace(/[&<>"'\r]/g, (ch) => escapes[ch] ?? ch);
}

function oneOf(allowed: readonly string[], value: string | undefined, what: string): void {
  if (value === undefined || !allowed.includes(value)) {
    throw new Error(`daticert: ${what} ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
  }
}

function sanitizeOptional(value: string | undefined): string | undefined {
  return value === undefined ? undefined : sanitizeXmlText(value);
}

/**
 * The exact values `renderDaticert` writes: every text value with the characters XML 1.0 cannot
 * carry removed and outer XML white space trimmed (see `sanitizeXmlText`); absent optional
 * fields stay absent and an empty `takenInCharge` is dropped. Parsing the rendered document
 * yields these values. Dates are not changed (they must already be well-formed).
 */
export function sanitizeDaticert(d: Daticert): Daticert {
  const subject = sanitizeOptional(d.subject);
  const msgid = sanitizeOptional(d.msgid);
  const delivery = sanitizeOptional(d.delivery);
  const extendedError = sanitizeOptional(d.extendedError);
  const takenInCharge = (d.takenInCharge ?? []).map(sanitizeXmlText);
  return {
    type: d.type,
    error: d.error,
    sender: sanitizeXmlText(d.sender),
    recipients: d.recipients.map((r) => ({ address: sanitizeXmlText(r.address), kind: r.kind })),
    replyTo: sanitizeXmlText(d.replyTo),
    ...(subject === undefined ? {} : { subject }),
    issuer: sanitizeXmlText(d.issuer),
    date: { day: d.date.day, time: d.date.time, zone: d.date.zone },
    identifier: sanitizeXmlText(d.identifier),
    ...(msgid === undefined ? {} : { msgid }),
    ...(d.receiptVariant === undefined ? {} : { receiptVariant: d.receiptVariant }),
    ...(delivery === undefined ? {} : { delivery }),
    ...(takenInCharge.length === 0 ? {} : { takenInCharge }),
    ...(extendedError === undefined ? {} : { extendedError }),
  };
}

/** Checks what no sanitising can fix: enumerations outside the DTD, no recipients, bad dates. */
function assertRenderable(d: Daticert): void {
  oneOf(daticertTypes, d.type, 'tipo');
  oneOf(daticertErrors, d.error, 'errore');
  if (d.recipients.length === 0) {
    throw new Error('daticert: at least one <destinatari> is required (pec-spec §4.1)');
  }
  for (const r of d.recipients) oneOf(recipientKinds, r.kind, 'destinatari tipo');
  if (d.receiptVariant !== undefined) oneOf(receiptVariants, d.receiptVariant, 'ricevuta tipo');
  checkDate(d.date);
}

function checkDate(date: ItalianDateTime): void {
  if (!daySyntax.test(date.day)) {
    throw new Error(`daticert: giorno ${JSON.stringify(date.day)} is not dd/mm/yyyy (pec-spec §4.3)`);
  }
  if (!timeSyntax.test(date.time)) {
    throw new Error(`daticert: ora ${JSON.stringify(date.time)} is not hh:mm:ss (pec-spec §4.3)`);
  }
  if (!zoneSyntax.test(date.zone)) {
    throw new Error(`daticert: zona ${JSON.stringify(date.zone)} is not [+|-]hhmm (pec-spec §4.3)`);
  }
}

/** Collects indented lines. */
class Lines {
  readonly #lines: string[] = [xmlDeclaration];

  open(depth: number, name: string, attributes = ''): void {
    this.#lines.push(`${indentUnit.repeat(depth)}<${name}${attributes}>`);
  }

  close(depth: number, name: string): void {
    this.#lines.push(`${indentUnit.repeat(depth)}</${name}>`);
  }

  leaf(depth: number, name: string, text: string, attributes = ''): void {
    this.#lines.push(`${indentUnit.repeat(depth)}<${name}${attributes}>${escapeXml(text)}</${name}>`);
  }

  empty(depth: number, name: string, attributes: string): void {
    this.#lines.push(`${indentUnit.repeat(depth)}<${name}${attributes} />`);
  }

  toString(): string {
    return this.#lines.join(lineEnd) + lineEnd;
  }
}

const attribute = (name: string, value: string): string => ` ${name}="${escapeXml(value)}"`;

function recipientLine(lines: Lines, r: DaticertRecipient): void {
  lines.leaf(2, el.recipient, r.address, attribute(attr.type, r.kind));
}

/**
 * daticert.xml for `d` (pec-spec §4). Text values are sanitised as `sanitizeDaticert` describes
 * and escaped (`& < > " '`, CR as `&#13;`); `msgid` is written as given, so its angle brackets
 * appear as `&lt;…&gt;`. Throws an Error only for what cannot be made valid: no recipients, a
 * `tipo`/`errore`/recipient `tipo`/`ricevuta` value outside the DTD, or a date that is not
 * dd/mm/yyyy, hh:mm:ss and [+|-]hhmm.
 */
export function renderDaticert(d: Daticert): string {
  assertRenderable(d);
  const s = sanitizeDaticert(d);
  const lines = new Lines();
  lines.open(0, el.root, attribute(attr.type, s.type) + attribute(attr.error, s.error));

  lines.open(1, el.header);
  lines.leaf(2, el.sender, s.sender);
  for (const r of s.recipients) recipientLine(lines, r);
  lines.leaf(2, el.replyTo, s.replyTo);
  if (s.subject !== undefined) lines.leaf(2, el.subject, s.subject);
  lines.close(1, el.header);

  lines.open(1, el.data);
  lines.leaf(2, el.issuer, s.issuer);
  lines.open(2, el.date, attribute(attr.zone, s.date.zone));
  lines.leaf(3, el.day, s.date.day);
  lines.leaf(3, el.time, s.date.time);
  lines.close(2, el.date);
  lines.leaf(2, el.identifier, s.identifier);
  if (s.msgid !== undefined) lines.leaf(2, el.msgid, s.msgid);
  if (s.receiptVariant !== undefined) lines.empty(2, el.receipt, attribute(attr.type, s.receiptVariant));
  if (s.delivery !== undefined) lines.leaf(2, el.delivery, s.delivery);
  for (const r of s.takenInCharge ?? []) lines.leaf(2, el.takenInCharge, r);
  if (s.extendedError !== undefined) lines.leaf(2, el.extendedError, s.extendedError);
  lines.close(1, el.data);

  lines.close(0, el.root);
  return lines.toString();
}

/** `renderDaticert` encoded as UTF-8, ready for the base64 `daticert.xml` part (pec-spec §3.0). */
export function renderDaticertBytes(d: Daticert): Uint8Array {
  return new TextEncoder().encode(renderDaticert(d));
}
