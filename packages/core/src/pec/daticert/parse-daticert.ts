/**
 * Reads daticert.xml leniently (pec-spec §4.3: "parse leniently, emit strictly"): any byte
 * encoding with a BOM or declaration, broken XML such as an unescaped msgid, any element
 * order, unknown elements. Never throws and never resolves entities or DTDs. Returns every
 * field it can find plus a list of deviations from the §4.1 DTD and §4.3 formats.
 */
import type { DaticertDateFields, DaticertFields, DaticertRecipientFields } from './daticert-fields.ts';
import { decodeXmlBytes } from './decode-xml-bytes.ts';
import { maxProblems, type XmlElement } from './lenient-xml-document.ts';
import { parseLenientXml } from './parse-lenient-xml.ts';
import { sanitizeXmlText, trimXmlWhitespace } from './sanitize-xml-text.ts';
import {
  daticertAttributes as attr,
  daticertElements as el,
  daticertErrors,
  daticertTypes,
  receiptVariants,
  recipientKinds,
} from '../vocabulary.ts';

// The field types live in daticert-fields.ts; re-exported for importers of this module.
export type { DaticertDateFields, DaticertFields, DaticertRecipientFields } from './daticert-fields.ts';

export interface ParsedDaticert {
  readonly daticert: DaticertFields;
  /**
   * The document is well-formed XML, its root is `postacert`, and every required element and
   * attribute is present with a known value; then `daticertFromFields` returns a `Daticert`.
   * Element order, misplaced or unknown elements and format slips are `problems` only.
   */
  readonly wellFormed: boolean;
  /** Every deviation found, one line each, without document content beyond enumeration values. */
  readonly problems: readonly string[];
}

/** Where each known element belongs (pec-spec §4.1). */
const parentOf: ReadonlyMap<string, string | undefined> = new Map<string, string | undefined>([
  [el.root, undefined],
  [el.header, el.root],
  [el.data, el.root],
  [el.sender, el.header],
  [el.recipient, el.header],
  [el.replyTo, el.header],
  [el.subject, el.header],
  [el.issuer, el.data],
  [el.date, el.data],
  [el.identifier, el.data],
  [el.msgid, el.data],
  [el.receipt, el.data],
  [el.delivery, el.data],
  [el.takenInCharge, el.data],
  [el.extendedError, el.data],
  [el.day, el.date],
  [el.time, el.date],
]);

/** DTD child order of each container (pec-spec §4.1). */
const childOrder: ReadonlyMap<string, readonly string[]> = new Map([
  [el.root, [el.header, el.data]],
  [el.header, [el.sender, el.recipient, el.replyTo, el.subject]],
  [
    el.data,
    [
      el.issuer,
      el.date,
      el.identifier,
      el.msgid,
      el.receipt,
      el.delivery,
      el.takenInCharge,
      el.extendedError,
    ],
  ],
  [el.date, [el.day, el.time]],
]);

const repeatable: ReadonlySet<string> = new Set([el.recipient, el.takenInCharge]);
/** #PCDATA elements: read up to their end tag even when it holds a raw `<` (an unescaped msgid). */
const textOnly: ReadonlySet<string> = new Set(
  [...parentOf.keys()].filter((name) => !childOrder.has(name) && name !== el.receipt),
);
const knownElements: ReadonlySet<string> = new Set(parentOf.keys());
const knownAttributes: ReadonlyMap<string, readonly string[]> = new Map([
  [el.root, [attr.type, attr.error]],
  [el.recipient, [attr.type]],
  [el.date, [attr.zone]],
  [el.receipt, [attr.type]],
]);

const daySyntax = /^\d{2}\/\d{2}\/\d{4}$/;
const timeSyntax = /^\d{2}:\d{2}:\d{2}$/;
const zoneSyntax = /^[+-]\d{4}$/;

const label = (value: string): string => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

/** Collects problems (capped like the XML reader's) and whether a required part is missing. */
class Findings {
  readonly problems: string[];
  complete = true;

  constructor(problems: readonly string[]) {
    this.problems = problems.slice(0, maxProblems + 1);
  }

  note(problem: string): void {
    if (this.problems.length < maxProblems) this.problems.push(problem);
    else if (this.problems.length === maxProblems) this.problems.push('further problems omitted');
  }

  missing(problem: string): void {
    this.complete = false;
    this.note(problem);
  }
}

/** The elements under `root`, grouped by lower-case name, with structure problems noted. */
function collect(root: XmlElement, findings: Findings): Map<string, XmlElement[]> {
  const found = new Map<string, XmlElement[]>();
  const unknown = new Set<string>();
  let caseNoted = false;
  const pending: { element: XmlElement; parent: string | undefined }[] = [
    { element: root, parent: undefined },
  ];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { element, parent } = item;
    const name = element.name.toLowerCase();
    if (name !== element.name && !caseNoted) {
      caseNoted = true;
      findings.note('element names are not all lower-case');
    }
    if (!parentOf.has(name)) {
      if (!unknown.has(name)) findings.note(`unknown element <${element.name.slice(0, 40)}> ignored`);
      unknown.add(name);
    } else {
      const list = found.get(name);
      if (list === undefined) found.set(name, [element]);
      else list.push(element);
      const expected = parentOf.get(name);
      if (element !== root && expected !== parent) {
        findings.note(`<${name}> is inside <${parent ?? ''}>, not <${expected ?? ''}>`);
      }
      checkContainer(name, element, findings);
      checkAttributes(name, element, findings);
    }
    for (let i = element.children.length - 1; i >= 0; i -= 1) {
      const child = element.children[i];
      if (child !== undefined) pending.push({ element: child, parent: name });
    }
  }
  for (const [name, list] of found) {
    if (list.length > 1 && !repeatable.has(name))
      findings.note(`<${name}> appears ${list.length} times; the first is used`);
  }
  return found;
}

function checkContainer(name: string, element: XmlElement, findings: Findings): void {
  const order = childOrder.get(name);
  if (order === undefined) {
    if (element.children.length > 0) findings.note(`<${name}> has child elements; only its text is read`);
    return;
  }
  if (trimXmlWhitespace(element.text) !== '') findings.note(`unexpected text inside <${name}>`);
  let last = -1;
  for (const child of element.children) {
    const index = order.indexOf(child.name.toLowerCase());
    if (index < 0) continue;
    if (index < last) {
      findings.note(`the children of <${name}> are not in DTD order`);
      return;
    }
    last = index;
  }
}

function checkAttributes(name: string, element: XmlElement, findings: Findings): void {
  const allowed = knownAttributes.get(name) ?? [];
  for (const a of element.attributes) {
    if (!allowed.includes(a.name.toLowerCase()))
      findings.note(`unknown attribute ${label(a.name)} on <${name}> ignored`);
  }
}

/** An attribute's value as written (names compared case-insensitively). */
function attribute(element: XmlElement | undefined, name: string): string | undefined {
  return element?.attributes.find((a) => a.name.toLowerCase() === name)?.value;
}

/**
 * An enumerated attribute value, trimmed and lower-cased (noted when that changed it);
 * undefined, and a problem, when the value is not one the DTD allows.
 */
function enumerated<T extends string>(
  allowed: readonly T[],
  raw: string | undefined,
  what: string,
  findings: Findings,
): T | undefined {
  if (raw === undefined) return undefined;
  const value = trimXmlWhitespace(raw).toLowerCase();
  if (!(allowed as readonly string[]).includes(value)) {
    findings.note(`unknown ${what} value ${label(raw)}`);
    return undefined;
  }
  if (value !== raw) findings.note(`${what} value ${label(raw)} read as ${label(value)}`);
  return value as T;
}

const text = (element: XmlElement | undefined): string | undefined =>
  element === undefined ? undefined : sanitizeXmlText(element.text);

function readRecipients(list: readonly XmlElement[], findings: Findings): DaticertRecipientFields[] {
  return list.map((element) => {
    const address = text(element) ?? '';
    const raw = attribute(element, attr.type);
    // The DTD default of `destinatari tipo` is `certificato`.
    const kind =
      raw === undefined ? 'certificato' : enumerated(recipientKinds, raw, `<${el.recipient}> tipo`, findings);
    return kind === undefined ? { address } : { address, kind };
  });
}

function readDate(found: Map<string, XmlElement[]>, findings: Findings): DaticertDateFields | undefined {
  const dateElement = found.get(el.date)?.[0];
  const day = text(found.get(el.day)?.[0]);
  const time = text(found.get(el.time)?.[0]);
  const rawZone = attribute(dateElement, attr.zone);
  const zone = rawZone === undefined ? undefined : trimXmlWhitespace(rawZone);
  if (zone !== rawZone) findings.note(`<${el.date}> zona has white space around it`);
  if (day !== undefined && !daySyntax.test(day)) findings.note(`<${el.day}> is not dd/mm/yyyy`);
  if (time !== undefined && !timeSyntax.test(time)) findings.note(`<${el.time}> is not hh:mm:ss`);
  if (zone !== undefined && !zoneSyntax.test(zone))
    findings.note(`<${el.date}> zona ${label(zone)} is not [+|-]hhmm`);
  if (dateElement === undefined && day === undefined && time === undefined) return undefined;
  return {
    ...(day === undefined ? {} : { day }),
    ...(time === undefined ? {} : { time }),
    ...(zone === undefined ? {} : { zone }),
  };
}

function readFields(root: XmlElement, findings: Findings): DaticertFields {
  const found = collect(root, findings);
  const first = (name: string): string | undefined => text(found.get(name)?.[0]);

  const rawType = attribute(root, attr.type);
  const type = enumerated(daticertTypes, rawType, `${el.root} tipo`, findings);
  const rawError = attribute(root, attr.error);
  // The DTD default of `errore` is `nessuno`.
  const error =
    rawError === undefined ? 'nessuno' : enumerated(daticertErrors, rawError, `${el.root} errore`, findings);
  const receiptElement = found.get(el.receipt)?.[0];
  const rawVariant = attribute(receiptElement, attr.type);
  if (receiptElement !== undefined && rawVariant === undefined) findings.note(`<${el.receipt}> has no tipo`);
  if (receiptElement !== undefined && text(receiptElement) !== '')
    findings.note(`<${el.receipt}> is not empty`);
  const receiptVariant = enumerated(receiptVariants, rawVariant, `<${el.receipt}> tipo`, findings);

  const fields: DaticertFields = {
    ...(type === undefined ? {} : { type }),
    ...(error === undefined ? {} : { error }),
    ...optional('sender', first(el.sender)),
    recipients: readRecipients(found.get(el.recipient) ?? [], findings),
    ...optional('replyTo', first(el.replyTo)),
    ...optional('subject', first(el.subject)),
    ...optional('issuer', first(el.issuer)),
    ...optional('date', readDate(found, findings)),
    ...optional('identifier', first(el.identifier)),
    ...optional('msgid', first(el.msgid)),
    ...(receiptVariant === undefined ? {} : { receiptVariant }),
    ...optional('delivery', first(el.delivery)),
    takenInCharge: (found.get(el.takenInCharge) ?? []).map((e) => text(e) ?? ''),
    ...optional('extendedError', first(el.extendedError)),
  };
  checkRequired(fields, rawType, findings);
  return fields;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function checkRequired(f: DaticertFields, rawType: string | undefined, findings: Findings): void {
  if (rawType === undefined) findings.missing(`<${el.root}> has no tipo`);
  else if (f.type === undefined) findings.complete = false;
  if (f.error === undefined) findings.complete = false;
  const required: [string, unknown][] = [
    [el.sender, f.sender],
    [el.replyTo, f.replyTo],
    [el.issuer, f.issuer],
    [el.identifier, f.identifier],
    [el.day, f.date?.day],
    [el.time, f.date?.time],
  ];
  for (const [name, value] of required) if (value === undefined) findings.missing(`<${name}> is missing`);
  if (f.date !== undefined && f.date.zone === undefined) findings.missing(`<${el.date}> has no zona`);
  if (f.recipients.length === 0) findings.missing(`no <${el.recipient}>`);
  if (f.recipients.some((r) => r.kind === undefined)) findings.complete = false;
}

/** The `postacert` element to read, and whether the document's root is one. */
function pickRoot(roots: readonly XmlElement[]): { root: XmlElement | undefined; isRoot: boolean } {
  const first = roots[0];
  if (first?.name.toLowerCase() === el.root) return { root: first, isRoot: true };
  const pending = roots.slice();
  for (let e = pending.pop(); e !== undefined; e = pending.pop()) {
    if (e.name.toLowerCase() === el.root) return { root: e, isRoot: false };
    for (const child of e.children) pending.push(child);
  }
  return { root: undefined, isRoot: false };
}

/** Reads daticert.xml bytes (any declared encoding) or text. Never throws. */
export function parseDaticert(input: Uint8Array | string): ParsedDaticert {
  const decoded =
    typeof input === 'string'
      ? { text: input.replace(/^\uFEFF/, ''), problems: [], malformed: false }
      : decodeXmlBytes(input);
  const xml = parseLenientXml(decoded.text, { textOnly, knownElements });
  const findings = new Findings([...decoded.problems, ...xml.problems]);
  const picked = pickRoot(xml.roots);
  let root = picked.root;
  if (root === undefined) {
    findings.missing(`no <${el.root}> element`);
    // Still read what can be found, as if the whole document were inside a postacert.
    root = { name: el.root, attributes: [], children: xml.roots, text: '' };
  } else if (!picked.isRoot) {
    findings.missing(`the root element is not <${el.root}>`);
  }
  const daticert = readFields(root, findings);
  return {
    daticert,
    wellFormed: findings.complete && xml.wellFormed && !decoded.malformed,
    problems: findings.problems,
  };
}
