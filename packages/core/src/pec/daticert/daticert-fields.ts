/**
 * daticert.xml content as a reader finds it (pec-spec §4.1–§4.3): every `Daticert` field, each
 * optional because real files may lack it or carry an unknown value, and the conversions
 * between that partial form and a complete `Daticert`.
 */
import type { Daticert, DaticertRecipient } from './daticert.ts';
import type { DaticertError, DaticertType, ReceiptVariant, RecipientKind } from '../vocabulary.ts';

/** A `<destinatari>`; `kind` is absent when the `tipo` value is unknown. */
export interface DaticertRecipientFields {
  readonly address: string;
  readonly kind?: RecipientKind;
}

/** `<data>`: each piece present when found. */
export interface DaticertDateFields {
  readonly day?: string;
  readonly time?: string;
  readonly zone?: string;
}

/**
 * What a daticert.xml contains, field by field (names as in `Daticert`). A field is absent
 * when its element or attribute is missing or holds an unknown enumeration value; the lists
 * default to []. Text values are trimmed and cleared of characters XML 1.0 does not allow.
 */
export interface DaticertFields {
  readonly type?: DaticertType;
  readonly error?: DaticertError;
  readonly sender?: string;
  readonly recipients: readonly DaticertRecipientFields[];
  readonly replyTo?: string;
  readonly subject?: string;
  readonly issuer?: string;
  readonly date?: DaticertDateFields;
  readonly identifier?: string;
  readonly msgid?: string;
  readonly receiptVariant?: ReceiptVariant;
  readonly delivery?: string;
  readonly takenInCharge: readonly string[];
  readonly extendedError?: string;
}

/**
 * The `Daticert` described by `fields`, or undefined when a required field is missing or a
 * recipient's kind is unknown. An empty `takenInCharge` becomes absent.
 */
export function daticertFromFields(fields: DaticertFields): Daticert | undefined {
  const { type, error, sender, replyTo, issuer, date, identifier } = fields;
  if (type === undefined || error === undefined || sender === undefined || replyTo === undefined)
    return undefined;
  if (issuer === undefined || identifier === undefined || date === undefined) return undefined;
  const { day, time, zone } = date;
  if (day === undefined || time === undefined || zone === undefined) return undefined;
  const recipients: DaticertRecipient[] = [];
  for (const r of fields.recipients) {
    if (r.kind === undefined) return undefined;
    recipients.push({ address: r.address, kind: r.kind });
  }
  if (recipients.length === 0) return undefined;
  return {
    type,
    error,
    sender,
    recipients,
    replyTo,
    ...(fields.subject === undefined ? {} : { subject: fields.subject }),
    issuer,
    date: { day, time, zone },
    identifier,
    ...(fields.msgid === undefined ? {} : { msgid: fields.msgid }),
    ...(fields.receiptVariant === undefined ? {} : { receiptVariant: fields.receiptVariant }),
    ...(fields.delivery === undefined ? {} : { delivery: fields.delivery }),
    ...(fields.takenInCharge.length === 0 ? {} : { takenInCharge: [...fields.takenInCharge] }),
    ...(fields.extendedError === undefined ? {} : { extendedError: fields.extendedError }),
  };
}

/** `d` as `DaticertFields`: absent optional fields stay absent, lists default to []. */
export function daticertToFields(d: Daticert): DaticertFields {
  return {
    type: d.type,
    error: d.error,
    sender: d.sender,
    recipients: d.recipients.map((r) => ({ address: r.address, kind: r.kind })),
    replyTo: d.replyTo,
    ...(d.subject === undefined ? {} : { subject: d.subject }),
    issuer: d.issuer,
    date: { day: d.date.day, time: d.date.time, zone: d.date.zone },
    identifier: d.identifier,
    ...(d.msgid === undefined ? {} : { msgid: d.msgid }),
    ...(d.receiptVariant === undefined ? {} : { receiptVariant: d.receiptVariant }),
    ...(d.delivery === undefined ? {} : { delivery: d.delivery }),
    takenInCharge: [...(d.takenInCharge ?? [])],
    ...(d.extendedError === undefined ? {} : { extendedError: d.extendedError }),
  };
}
