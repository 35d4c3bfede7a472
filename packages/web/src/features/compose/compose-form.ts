// The compose form as plain data: what the holder typed, the files read as base64, the draft it is
// saved as; and the pure helpers around it (address check, size estimate, reply and forward prefill).
import type {
  DraftFields,
  Message,
  OutgoingFields,
  OutgoingLimits,
  ReceiptType,
} from '../../api/contract.ts';
import { htmlToPlain, isBlankHtml, sanitizeRichText } from './rich-text.ts';

export interface PendingAttachment {
  /** Local key for the list. */
  key: string;
  name: string;
  contentType: string;
  size: number;
  /** base64 */
  content: string;
}

export interface ComposeForm {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  /** The rich-text body; null in plain-text mode (then `text` is the body). */
  html: string | null;
  receiptType: ReceiptType;
  attachments: PendingAttachment[];
  /** The UID of this message's draft in Drafts, once saved. */
  draftUid: number | null;
  /** RFC 5322 §3.6.4: the message answered, and the thread it belongs to. */
  inReplyTo?: string;
  references?: string;
}

export const receiptTypes: readonly ReceiptType[] = ['completa', 'breve', 'sintetica'];

export function emptyForm(): ComposeForm {
  return {
    to: [],
    cc: [],
    subject: '',
    text: '',
    html: null,
    receiptType: 'completa',
    attachments: [],
    draftUid: null,
  };
}

/** Nothing the holder would miss if it were not kept. */
export function isBlank(form: ComposeForm): boolean {
  return (
    form.to.length === 0 &&
    form.cc.length === 0 &&
    form.subject.trim() === '' &&
    (form.html === null ? form.text.trim() === '' : isBlankHtml(form.html)) &&
    form.attachments.length === 0
  );
}

/** A plausible addr-spec (the server checks exactly, RFC 5321 §4.1.2). */
export function looksLikeAddress(value: string): boolean {
  return /^[^\s@<>(),;:"[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(
    value,
  );
}

/** Splits what was typed or pasted into addresses ("a@x.it, b@y.it; <c@z.it>"). */
export function splitAddresses(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.replace(/^<|>$/g, '').trim())
    .filter((part) => part !== '');
}

export function recipientsOf(form: Pick<ComposeForm, 'to' | 'cc'>): string[] {
  return [...new Set([...form.to, ...form.cc].map((address) => address.toLowerCase()))];
}

export function fieldsOf(form: ComposeForm): OutgoingFields {
  const html = form.html === null ? undefined : sanitizeRichText(form.html);
  return {
    to: form.to,
    cc: form.cc,
    subject: form.subject,
    text: html === undefined ? form.text : htmlToPlain(html),
    ...(html === undefined ? {} : { html }),
    receiptType: form.receiptType,
    attachments: form.attachments.map(({ name, contentType, content }) => ({ name, contentType, content })),
    ...(form.inReplyTo === undefined ? {} : { inReplyTo: form.inReplyTo }),
    ...(form.references === undefined ? {} : { references: form.references }),
  };
}

/** Bytes of a base64 string, counted without decoding. */
function base64Size(content: string): number {
  return Math.floor((content.length * 3) / 4) - (content.endsWith('==') ? 2 : content.endsWith('=') ? 1 : 0);
}

/** A saved draft (GET /api/v1/drafts/:uid) as the form it was written in; saving it replaces it. */
export function draftForm(uid: number, draft: DraftFields): ComposeForm {
  return {
    to: draft.to,
    cc: draft.cc,
    subject: draft.subject,
    text: draft.text,
    html: draft.html,
    receiptType: draft.receiptType,
    attachments: draft.attachments.map((a, index) => ({
      key: `draft-${String(uid)}-${String(index)}`,
      name: a.name,
      contentType: a.contentType,
      size: base64Size(a.content),
      content: a.content,
    })),
    draftUid: uid,
    ...(draft.inReplyTo === null ? {} : { inReplyTo: draft.inReplyTo }),
    ...(draft.references === null ? {} : { references: draft.references }),
  };
}

/**
 * The message's size as sent, estimated from above: attachments in base64 (4/3, line breaks every
 * 76 characters), the text as quoted-printable can at most triple it, plus headers and MIME parts.
 */
export function estimatedSize(form: ComposeForm): number {
  const text =
    new TextEncoder().encode(form.text).length + 2 * new TextEncoder().encode(form.html ?? '').length;
  const files = form.attachments.reduce((sum, a) => sum + a.content.length * (78 / 76) + 400, 0);
  return Math.ceil(2_048 + text * 1.1 + files);
}

export type SizeProblem =
  { kind: 'message'; limitBytes: number } | { kind: 'recipients'; limitBytes: number; recipients: number };

/** Size × recipients against the limits (pec-spec §6.5), before any byte is uploaded. */
export function sizeProblem(form: ComposeForm, limits: OutgoingLimits | undefined): SizeProblem | null {
  if (limits === undefined) return null;
  const size = estimatedSize(form);
  if (size > limits.maxMessageBytes) return { kind: 'message', limitBytes: limits.maxMessageBytes };
  const recipients = Math.max(1, recipientsOf(form).length);
  if (size * recipients > limits.maxRecipientsTimesSize) {
    return {
      kind: 'recipients',
      limitBytes: Math.floor(limits.maxRecipientsTimesSize / recipients),
      recipients,
    };
  }
  return null;
}

/** A transport envelope's From reads "Per conto di: <sender>" (pec-spec §3.1): the sender is there. */
export function senderOf(message: Pick<Message, 'from'>): string {
  const onBehalf = /per conto di:\s*(\S+@\S+)/i.exec(message.from.name);
  return onBehalf?.[1]?.replace(/^<|>$/g, '') ?? message.from.address;
}

const envelopePrefix = /^(POSTA CERTIFICATA|ANOMALIA MESSAGGIO):\s*/i;

function baseSubject(subject: string): string {
  return subject.replace(envelopePrefix, '').trim();
}

export type ReplyMode = 'reply' | 'replyAll' | 'forward' | 'forwardAttachment';

export interface QuoteWords {
  /** "On {{date}}, {{sender}} wrote:" already filled in. */
  intro: string;
  /** The forwarded-message heading. */
  forwarded: string;
  from: string;
  to: string;
  subject: string;
  date: string;
  /** The message's date, formatted for the reader. */
  when: string;
}

/** The form a reply, reply-all or forward starts from. */
export function prefill(message: Message, mode: ReplyMode, self: string, words: QuoteWords): ComposeForm {
  const subject = baseSubject(message.subject);
  const quoted = message.text
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n');
  if (mode === 'forwardAttachment') {
    return { ...emptyForm(), subject: /^(fwd?|i|tr):/i.test(subject) ? subject : `Fwd: ${subject}` };
  }
  if (mode === 'forward') {
    return {
      ...emptyForm(),
      subject: /^(fwd?|i|tr):/i.test(subject) ? subject : `Fwd: ${subject}`,
      text: [
        '',
        '',
        `---------- ${words.forwarded} ----------`,
        `${words.from}: ${senderOf(message)}`,
        `${words.to}: ${message.to.map((a) => a.address).join(', ')}`,
        `${words.date}: ${words.when}`,
        `${words.subject}: ${subject}`,
        '',
        message.text,
      ].join('\n'),
    };
  }
  const sender = senderOf(message);
  const me = self.toLowerCase();
  const others =
    mode === 'replyAll'
      ? [...message.to, ...message.cc]
          .map((a) => a.address)
          .filter((a) => a.toLowerCase() !== me && a.toLowerCase() !== sender.toLowerCase())
      : [];
  // RFC 5322 §3.6.4: In-Reply-To the parent's Message-ID; References its References (or its one
  // In-Reply-To) followed by that Message-ID.
  const thread =
    message.messageId === null
      ? {}
      : {
          inReplyTo: message.messageId,
          references: [message.references, message.messageId].filter((id) => id !== null).join(' '),
        };
  return {
    ...emptyForm(),
    ...thread,
    to: [sender],
    cc: [...new Set(others)],
    subject: /^re:/i.test(subject) ? subject : `Re: ${subject}`,
    text: `\n\n${words.intro}\n${quoted}`,
  };
}

/** Reads a file as base64 (without the data: URL prefix). */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => {
      reject(reader.error ?? new Error('unreadable file'));
    };
    reader.readAsDataURL(file);
  });
}
