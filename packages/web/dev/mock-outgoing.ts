// Dev-only mock of sending and drafts (decision 0012): a send files the message in Sent, an
// acceptance receipt in INBOX at once and a delivery receipt a moment later; drafts are messages in
// Drafts flagged `draft`. Refuses like the server: no Bcc, bad addresses, size × recipients.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  Message,
  MessageSummary,
  OutgoingFields,
  OutgoingLimits,
  PecType,
  RecipientCheck,
  Session,
} from '../src/api/contract.ts';
import { problem, readJson, send } from './mock-api.ts';

export const mockLimits: OutgoingLimits = {
  maxMessageBytes: 50 * 1024 * 1024,
  maxRecipients: 500,
  maxRecipientsTimesSize: 256 * 1024 * 1024,
};

const ownDomain = 'pec.example.it';
/** Domains the mock's "providers' index" lists besides our own. */
const certifiedDomain = /(^|\.)(pec|legalmail|postacert|cert|postecert|arubapec)\./;
const addressPattern = /^[^\s@<>]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

export function checkAddress(address: string): RecipientCheck {
  if (!addressPattern.test(address)) return { address, valid: false, kind: null };
  const domain = (address.split('@')[1] ?? '').toLowerCase();
  if (domain === ownDomain) return { address, valid: true, kind: 'this-provider' };
  return { address, valid: true, kind: certifiedDomain.test(`${domain}.`) ? 'certified' : 'not-in-index' };
}

function fieldsOf(body: unknown): (OutgoingFields & { draftUid?: number; replaces?: number }) | string {
  if (typeof body !== 'object' || body === null) return 'request: not JSON';
  const value = body as {
    to?: unknown;
    cc?: unknown;
    subject?: unknown;
    text?: unknown;
    html?: unknown;
    inReplyTo?: unknown;
    references?: unknown;
    receiptType?: unknown;
    attachments?: unknown;
    draftUid?: unknown;
    replaces?: unknown;
  };
  const allowed = [
    'to',
    'cc',
    'subject',
    'text',
    'html',
    'inReplyTo',
    'references',
    'receiptType',
    'attachments',
    'draftUid',
    'replaces',
  ];
  const unknown = Object.keys(value).find((key) => !allowed.includes(key));
  if (unknown !== undefined) return `${unknown}: unrecognized key`;
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    to: list(value.to),
    cc: list(value.cc),
    subject: typeof value.subject === 'string' ? value.subject : '',
    text: typeof value.text === 'string' ? value.text : '',
    ...(typeof value.html === 'string' ? { html: value.html } : {}),
    ...(typeof value.inReplyTo === 'string' ? { inReplyTo: value.inReplyTo } : {}),
    ...(typeof value.references === 'string' ? { references: value.references } : {}),
    receiptType:
      value.receiptType === 'breve' || value.receiptType === 'sintetica' ? value.receiptType : 'completa',
    attachments: Array.isArray(value.attachments) ? (value.attachments as OutgoingFields['attachments']) : [],
    ...(typeof value.draftUid === 'number' ? { draftUid: value.draftUid } : {}),
    ...(typeof value.replaces === 'number' ? { replaces: value.replaces } : {}),
  };
}

export function createMockOutgoing(deps: {
  summaries: Map<string, MessageSummary[]>;
  invalidate: () => void;
}) {
  const composed = new Map<string, Message>();

  function file(folderId: string, message: Omit<Message, 'uid' | 'folderId'>): number {
    const list = deps.summaries.get(folderId) ?? [];
    const uid = list.reduce((max, m) => Math.max(max, m.uid), 0) + 1;
    const full: Message = { ...message, uid, folderId };
    const summary: MessageSummary = {
      uid,
      from: full.from,
      subject: full.subject,
      date: full.date,
      size: full.size,
      flags: full.flags,
      pecType: full.pecType,
      hasAttachments: full.hasAttachments,
    };
    deps.summaries.set(folderId, [summary, ...list]);
    composed.set(`${folderId}|${String(uid)}`, full);
    deps.invalidate();
    return uid;
  }

  function remove(folderId: string, uid: number): boolean {
    const list = deps.summaries.get(folderId) ?? [];
    if (!list.some((m) => m.uid === uid)) return false;
    deps.summaries.set(
      folderId,
      list.filter((m) => m.uid !== uid),
    );
    composed.delete(`${folderId}|${String(uid)}`);
    deps.invalidate();
    return true;
  }

  function messageOf(session: Session, fields: OutgoingFields, flags: Message['flags']) {
    const size = 2_000 + fields.text.length + fields.attachments.reduce((s, a) => s + a.content.length, 0);
    return {
      from: { name: session.displayName, address: session.address },
      to: fields.to.map((address) => ({ name: '', address })),
      cc: fields.cc.map((address) => ({ name: '', address })),
      subject: fields.subject,
      date: new Date().toISOString(),
      size,
      flags,
      pecType: 'posta-certificata' as PecType,
      hasAttachments: fields.attachments.length > 0,
      text: fields.text,
      html: fields.html ?? null,
      messageId: null,
      references: null,
      attachments: fields.attachments.map((a, index) => ({
        id: `a${String(index + 1)}`,
        name: a.name,
        contentType: a.contentType,
        size: Math.floor((a.content.length * 3) / 4),
      })),
    };
  }

  function receipt(session: Session, pecType: PecType, prefix: string, fields: OutgoingFields, id: string) {
    file('inbox', {
      from: { name: 'Posta certificata', address: `posta-certificata@${ownDomain}` },
      to: [{ name: '', address: session.address }],
      cc: [],
      subject: `${prefix}${fields.subject}`,
      date: new Date().toISOString(),
      size: 4_800,
      flags: [],
      pecType,
      hasAttachments: true,
      text: `Ricevuta ${pecType}\n\nIdentificativo messaggio: ${id}`,
      html: null,
      messageId: null,
      references: null,
      attachments: [{ id: 'daticert', name: 'daticert.xml', contentType: 'application/xml', size: 1_480 }],
    });
  }

  /** Answers the sending and draft routes; false for any other path. */
  async function handle(
    method: string,
    path: string,
    url: URL,
    req: IncomingMessage,
    res: ServerResponse,
    session: Session,
  ): Promise<boolean> {
    if (path === '/outgoing/limits' && method === 'GET') {
      send(res, 200, mockLimits);
      return true;
    }
    // Scheduled send is exercised against the real provider; the mock lists none.
    if (path === '/outgoing/scheduled' && method === 'GET') {
      send(res, 200, { scheduled: [] });
      return true;
    }
    if (path === '/recipients/check' && method === 'GET') {
      send(res, 200, checkAddress((url.searchParams.get('address') ?? '').trim()));
      return true;
    }
    if ((path === '/outgoing' || path === '/drafts') && method === 'POST') {
      const fields = fieldsOf(await readJson(req));
      if (typeof fields === 'string') {
        problem(res, 400, 'invalid-request', fields);
        return true;
      }
      if (path === '/drafts') {
        const uid = file('drafts', messageOf(session, fields, ['seen', 'draft']));
        if (fields.replaces !== undefined) remove('drafts', fields.replaces);
        send(res, 201, { folderId: 'drafts', uid });
        return true;
      }
      const recipients = [...new Set([...fields.to, ...fields.cc])];
      const bad = recipients.find((a) => !checkAddress(a).valid);
      if (recipients.length === 0 || bad !== undefined) {
        problem(res, 422, 'invalid-address', `${bad ?? '(none)'} is not a valid address.`);
        return true;
      }
      const message = messageOf(session, fields, ['seen']);
      const limit = Math.min(
        mockLimits.maxMessageBytes,
        Math.floor(mockLimits.maxRecipientsTimesSize / recipients.length),
      );
      if (message.size > limit) {
        problem(
          res,
          413,
          'message-too-large',
          `The message is larger than the limit of ${String(limit)} bytes.`,
        );
        return true;
      }
      const identifier = `opec21.${Date.now().toString(36)}.${randomBytes(4).toString('hex')}@${ownDomain}`;
      file('sent', message);
      receipt(session, 'accettazione', 'ACCETTAZIONE: ', fields, identifier);
      setTimeout(() => {
        receipt(session, 'avvenuta-consegna', 'CONSEGNA: ', fields, identifier);
      }, 1_500);
      if (fields.draftUid !== undefined) remove('drafts', fields.draftUid);
      send(res, 201, {
        outcome: 'accepted',
        identifier,
        messageId: `<${randomBytes(8).toString('hex')}@${ownDomain}>`,
        recipients: recipients.map(checkAddress),
      });
      return true;
    }
    const draft = /^\/drafts\/(\d+)$/.exec(path);
    if (draft !== null && method === 'DELETE') {
      if (remove('drafts', Number(draft[1]))) send(res, 204);
      else problem(res, 404, 'not-found', 'No such draft');
      return true;
    }
    return false;
  }

  return { handle, message: (folderId: string, uid: number) => composed.get(`${folderId}|${String(uid)}`) };
}
