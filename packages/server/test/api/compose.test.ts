/**
 * Sending from the webmail over real HTTP against a served provider: the message goes through the
 * access point (acceptance receipt in the sender's INBOX, the original in Sent, the transport
 * envelope in the recipient's INBOX, the delivery receipt back), the checks before anything is
 * issued (addresses, size × recipients, the body cap from its Content-Length, no Bcc, no other
 * sender, the CSRF header), a non-acceptance for a virus, the recipient check against the
 * providers' index, and drafts saved, replaced and deleted.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { ConfiguredVirusScanner } from '../../src/antivirus/create-virus-scanner.ts';
import { holders, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';

interface FolderBody {
  id: string;
  name: string;
  specialUse: string | null;
}
interface SummaryBody {
  uid: number;
  subject: string;
  flags: string[];
  pecType: string;
  hasAttachments: boolean;
}
interface MessageBody extends SummaryBody {
  from: { address: string };
  to: { address: string }[];
  text: string;
  attachments: { name: string; size: number }[];
}
interface ProblemBody {
  status: number;
  reason: string;
  reasons?: string[];
  identifier?: string;
  limitBytes?: number;
}

const mebibyte = 1024 * 1024;
const eicarMarker = 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE';

/** Finds the test marker in the bytes as submitted (base64 of the attachment's text). */
const markerScanner: ConfiguredVirusScanner = {
  kind: 'none',
  checkHealth: () => Promise.resolve('test scanner'),
  scan: (bytes) => {
    const text = Buffer.from(bytes).toString('latin1');
    const infected = text.includes(Buffer.from(`X5O!P%@AP ${eicarMarker}`).toString('base64').slice(0, 40));
    return Promise.resolve(
      infected ? { infected: true, signature: 'Eicar-Test-Signature' } : { infected: false },
    );
  },
};

describe('sending from the webmail', { timeout: 240_000 }, () => {
  let provider: ApiProvider;
  let base = '';
  let mario = '';
  let anna = '';

  const post = (path: string, cookie: string, body: unknown, csrf = true) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', ...(csrf ? { 'x-pec-request': '1' } : {}) },
      body: JSON.stringify(body),
    });
  async function json<T>(path: string, cookie: string): Promise<T> {
    const response = await fetch(`${base}${path}`, { headers: { cookie } });
    assert.equal(response.status, 200, `${path}: ${await response.clone().text()}`);
    return (await response.json()) as T;
  }
  async function folderId(cookie: string, name: string): Promise<string> {
    const { folders } = await json<{ folders: FolderBody[] }>('/api/v1/folders', cookie);
    const folder = folders.find((f) => f.name === name);
    assert.ok(folder !== undefined, name);
    return folder.id;
  }
  const list = async (cookie: string, name: string) =>
    (
      await json<{ messages: SummaryBody[] }>(
        `/api/v1/folders/${await folderId(cookie, name)}/messages`,
        cookie,
      )
    ).messages;
  /** Polls a folder until `match` finds a message: the outbox worker delivers asynchronously. */
  async function waitFor(cookie: string, name: string, match: (m: SummaryBody) => boolean) {
    for (let attempt = 0; attempt < 150; attempt++) {
      const found = (await list(cookie, name)).find(match);
      if (found !== undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const seen = (await list(cookie, name)).map((m) => `${m.pecType} ${m.subject}`);
    assert.fail(`nothing matching in ${name} within 30 s: ${JSON.stringify(seen)}`);
  }
  async function problem(response: Response, status: number, reason: string): Promise<ProblemBody> {
    const text = await response.text();
    assert.equal(response.status, status, text);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const body = JSON.parse(text) as ProblemBody;
    assert.equal(body.reason, reason);
    return body;
  }

  before(async () => {
    provider = await startApiProvider({
      virusScanner: markerScanner,
      limits: { maxMessageBytes: 30 * mebibyte, maxRecipientsTimesSize: 30 * mebibyte },
    });
    base = provider.base;
    mario = await signIn(base, holders.mario);
    anna = await signIn(base, holders.anna);
  });
  after(() => provider.close());

  it('publishes the limits and checks recipients against our domains and the index', async () => {
    const limits = await json<{ maxMessageBytes: number; maxRecipientsTimesSize: number }>(
      '/api/v1/outgoing/limits',
      mario,
    );
    assert.deepEqual([limits.maxMessageBytes, limits.maxRecipientsTimesSize], [30 * mebibyte, 30 * mebibyte]);
    const check = (address: string) =>
      json<{ valid: boolean; kind: string | null }>(
        `/api/v1/recipients/check?address=${encodeURIComponent(address)}`,
        mario,
      );
    assert.deepEqual(await check(holders.anna), {
      address: holders.anna,
      valid: true,
      kind: 'this-provider',
    });
    assert.deepEqual(await check('someone@example.org'), {
      address: 'someone@example.org',
      valid: true,
      kind: 'not-in-index',
    });
    assert.deepEqual(await check('not an address'), { address: 'not an address', valid: false, kind: null });
  });

  it('sends a PEC with an attachment: accepted, in Sent, delivered as an envelope, receipts back', async () => {
    const subject = `Ricorso ${String(Date.now())}`;
    const response = await post('/api/v1/outgoing', mario, {
      to: [holders.anna],
      cc: [holders.bruno],
      subject,
      text: 'Buongiorno,\nin allegato il ricorso.\n',
      receiptType: 'breve',
      attachments: [
        {
          name: 'ricorso è.pdf',
          contentType: 'application/pdf',
          content: Buffer.from('%PDF-1.4 ricorso').toString('base64'),
        },
      ],
    });
    const bodyText = await response.text();
    assert.equal(response.status, 201, bodyText);
    const result = JSON.parse(bodyText) as {
      outcome: string;
      identifier: string;
      messageId: string;
      recipients: { address: string; kind: string }[];
    };
    assert.equal(result.outcome, 'accepted');
    assert.match(result.identifier, /^.+@.+$/);
    assert.match(result.messageId, /^<[^@]+@pec\.api\.localhost>$/);
    assert.deepEqual(
      result.recipients.map((r) => r.kind),
      ['this-provider', 'this-provider'],
    );

    // The acceptance receipt is in Mario's INBOX at once, the original in Sent.
    const inbox = await list(mario, 'INBOX');
    assert.ok(inbox.some((m) => m.pecType === 'accettazione' && m.subject.includes(subject)));
    const sent = (await list(mario, 'Sent')).find((m) => m.subject === subject);
    assert.ok(sent !== undefined, 'the original in Sent');
    const original = await json<MessageBody>(
      `/api/v1/messages/${await folderId(mario, 'Sent')}/${String(sent.uid)}`,
      mario,
    );
    assert.equal(original.from.address, holders.mario);
    assert.deepEqual(
      original.attachments.map((a) => [a.name, a.size]),
      [['ricorso è.pdf', 16]],
    );

    // Anna receives the transport envelope carrying it; Mario the delivery receipts.
    const envelope = await waitFor(
      anna,
      'INBOX',
      (m) => m.pecType === 'posta-certificata' && m.subject.includes(subject),
    );
    assert.ok(envelope.hasAttachments);
    const delivered = await waitFor(
      mario,
      'INBOX',
      (m) => m.pecType === 'avvenuta-consegna' && m.subject.includes(subject),
    );
    assert.ok(delivered.uid > 0);
  });

  it('needs the CSRF header and a session', async () => {
    const body = { to: [holders.anna], subject: 'x', text: 'x' };
    await problem(await post('/api/v1/outgoing', mario, body, false), 403, 'csrf');
    await problem(await post('/api/v1/outgoing', '', body), 401, 'authentication-required');
  });

  it('never sends as another address, nor to Bcc', async () => {
    await problem(
      await post('/api/v1/outgoing', mario, { from: holders.anna, to: [holders.bruno], text: 'x' }),
      400,
      'invalid-request',
    );
    await problem(
      await post('/api/v1/outgoing', mario, { to: [holders.anna], bcc: [holders.bruno], text: 'x' }),
      400,
      'invalid-request',
    );
    // Anna's session sends as Anna, whatever the message says.
    const response = await post('/api/v1/outgoing', anna, {
      to: [holders.carla],
      subject: 'Da Anna',
      text: 'x',
    });
    assert.equal(response.status, 201, await response.clone().text());
    const sent = (await list(anna, 'Sent')).find((m) => m.subject === 'Da Anna');
    assert.ok(sent !== undefined);
    assert.equal(
      (await list(mario, 'Sent')).find((m) => m.subject === 'Da Anna'),
      undefined,
    );
  });

  it('refuses a bad address, no recipient and size × recipients over the limit, issuing nothing', async () => {
    const before = (await list(mario, 'INBOX')).length;
    const bad = await problem(
      await post('/api/v1/outgoing', mario, { to: ['mario@'], text: 'x' }),
      422,
      'invalid-address',
    );
    assert.ok((bad.reasons ?? []).length > 0);
    await problem(await post('/api/v1/outgoing', mario, { to: [], text: 'x' }), 422, 'invalid-address');
    // 12 MiB to three recipients: over 30 MiB once multiplied (pec-spec §6.5).
    const big = await problem(
      await post('/api/v1/outgoing', mario, {
        to: [holders.anna, holders.bruno],
        cc: [holders.carla],
        text: 'x',
        attachments: [{ name: 'big.bin', content: Buffer.alloc(12 * mebibyte, 7).toString('base64') }],
      }),
      413,
      'message-too-large',
    );
    assert.equal(big.limitBytes, 10 * mebibyte);
    assert.match(big.reasons?.[0] ?? '', /10485760 bytes/);
    assert.equal((await list(mario, 'INBOX')).length, before, 'no notice was issued');
  });

  it('refuses a body over the cap from its Content-Length, before reading it', async () => {
    const declared = 60 * mebibyte;
    const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${base}/api/v1/outgoing`, {
        method: 'POST',
        headers: {
          cookie: mario,
          'x-pec-request': '1',
          'content-type': 'application/json',
          'content-length': String(declared),
        },
      });
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body });
        });
      });
      req.on('error', reject);
      req.write('{"to":');
    });
    assert.equal(status.status, 413, status.body);
    assert.equal((JSON.parse(status.body) as ProblemBody).reason, 'message-too-large');
  });

  it('answers not accepted, with the notice, for a virus', async () => {
    const response = await post('/api/v1/outgoing', mario, {
      to: [holders.anna],
      subject: 'Infetto',
      text: 'x',
      attachments: [
        { name: 'eicar.com', content: Buffer.from(`X5O!P%@AP ${eicarMarker}!$H+H*`).toString('base64') },
      ],
    });
    const body = await problem(response, 422, 'virus-found');
    assert.ok(body.identifier !== undefined && body.identifier !== '');
    assert.ok((body.reasons ?? [])[0]?.includes('Eicar-Test-Signature'));
    const notice = (await list(mario, 'INBOX')).find(
      (m) => m.pecType === 'non-accettazione' || m.pecType === 'rilevazione-virus',
    );
    assert.ok(notice !== undefined, 'the non-acceptance notice is in INBOX');
    assert.match(notice.subject, /Infetto/);
  });

  it('saves, replaces and deletes drafts in Drafts; sending a draft removes it', async () => {
    const first = await post('/api/v1/drafts', mario, { to: [holders.anna], subject: 'Bozza', text: 'uno' });
    assert.equal(first.status, 201, await first.clone().text());
    const saved = (await first.json()) as { folderId: string; uid: number };
    assert.equal(saved.folderId, await folderId(mario, 'Drafts'));
    let drafts = await list(mario, 'Drafts');
    assert.deepEqual(
      drafts.map((m) => [m.uid, m.subject, m.flags.includes('draft')]),
      [[saved.uid, 'Bozza', true]],
    );
    const second = await post('/api/v1/drafts', mario, {
      to: [holders.anna],
      subject: 'Bozza 2',
      text: 'due',
      replaces: saved.uid,
    });
    const replaced = (await second.json()) as { uid: number };
    drafts = await list(mario, 'Drafts');
    assert.deepEqual(
      drafts.map((m) => [m.uid, m.subject]),
      [[replaced.uid, 'Bozza 2']],
    );
    // Another holder cannot touch it.
    await problem(
      await fetch(`${base}/api/v1/drafts/${String(replaced.uid)}`, {
        method: 'DELETE',
        headers: { cookie: anna, 'x-pec-request': '1' },
      }),
      404,
      'not-found',
    );
    const sent = await post('/api/v1/outgoing', mario, {
      to: [holders.anna],
      subject: 'Bozza 2',
      text: 'due',
      draftUid: replaced.uid,
    });
    assert.equal(sent.status, 201);
    assert.deepEqual(await list(mario, 'Drafts'), []);

    const third = (await (await post('/api/v1/drafts', mario, { subject: 'Da buttare' })).json()) as {
      uid: number;
    };
    const del = () =>
      fetch(`${base}/api/v1/drafts/${String(third.uid)}`, {
        method: 'DELETE',
        headers: { cookie: mario, 'x-pec-request': '1' },
      });
    assert.equal((await del()).status, 204);
    await problem(await del(), 404, 'not-found');
  });

  it('lists the routes in the OpenAPI document', async () => {
    const document = await json<{ paths: Record<string, unknown> }>('/api/openapi.json', mario);
    for (const path of [
      '/api/v1/outgoing',
      '/api/v1/outgoing/limits',
      '/api/v1/recipients/check',
      '/api/v1/drafts',
    ])
      assert.ok(path in document.paths, path);
  });
});
