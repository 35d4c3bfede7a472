/**
 * The webmail's richer sending over real HTTP against a served provider: an HTML message goes out
 * as multipart/alternative inside a transport envelope that `openssl smime -verify` accepts, with
 * a daticert `xmllint --dtdvalid` accepts, and the send is logged as SMTP submission's is; a
 * signed envelope forwarded as a message/rfc822 attachment arrives byte for byte and still
 * verifies; a reply threads on the original (RFC 5322 §3.6.4); a draft reopens with every field
 * and its attachments byte-exact, and only for its own holder.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { findParts, getHeader, parseMimeTree, readBodyBytes, type MimeNode } from '@pec/core';
import type { LogEvent } from '../../src/ports/event-log.ts';
import { daticertDtd, opensslProblem, partNamed } from '../two-providers/mail-observer.ts';
import { holders, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';

interface SummaryBody {
  uid: number;
  subject: string;
  pecType: string;
}
interface MessageBody {
  text: string;
  html: string | null;
  messageId: string | null;
  references: string | null;
}
interface DraftBody {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string | null;
  receiptType: string;
  attachments: { name: string; contentType: string; content: string }[];
  inReplyTo: string | null;
  references: string | null;
}

describe('HTML, forward as attachment, threading and reopened drafts', { timeout: 240_000 }, () => {
  let provider: ApiProvider;
  let work = '';
  let base = '';
  let mario = '';
  let anna = '';
  const events: LogEvent[] = [];

  const call = (method: string, path: string, cookie: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        cookie,
        'x-pec-request': '1',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  async function json<T>(path: string, cookie: string): Promise<T> {
    const response = await fetch(`${base}${path}`, { headers: { cookie } });
    assert.equal(response.status, 200, `${path}: ${await response.clone().text()}`);
    return (await response.json()) as T;
  }
  async function folderId(cookie: string, name: string): Promise<string> {
    const { folders } = await json<{ folders: { id: string; name: string }[] }>('/api/v1/folders', cookie);
    const folder = folders.find((f) => f.name === name);
    assert.ok(folder !== undefined, name);
    return folder.id;
  }
  /** Polls a folder until `match` finds a message: the outbox worker delivers asynchronously. */
  async function waitFor(cookie: string, name: string, match: (m: SummaryBody) => boolean) {
    const id = await folderId(cookie, name);
    for (let attempt = 0; attempt < 150; attempt++) {
      const { messages } = await json<{ messages: SummaryBody[] }>(`/api/v1/folders/${id}/messages`, cookie);
      const found = messages.find(match);
      if (found !== undefined) return { folderId: id, ...found };
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.fail(`nothing matching in ${name} within 30 s`);
  }
  async function raw(cookie: string, folder: string, uid: number): Promise<Uint8Array> {
    const response = await fetch(`${base}/api/v1/messages/${folder}/${String(uid)}/raw`, {
      headers: { cookie },
    });
    assert.equal(response.status, 200);
    return new Uint8Array(await response.arrayBuffer());
  }
  async function send(cookie: string, body: unknown) {
    const response = await call('POST', '/api/v1/outgoing', cookie, body);
    const text = await response.text();
    assert.equal(response.status, 201, text);
    return JSON.parse(text) as { identifier: string; messageId: string };
  }
  const postacert = (bytes: Uint8Array): MimeNode => {
    const [part] = findParts(parseMimeTree(bytes), (node) => node.filename === 'postacert.eml');
    assert.ok(part !== undefined, 'postacert.eml');
    const embedded = part.children[0];
    assert.ok(embedded !== undefined);
    return embedded;
  };
  const caFile = () => join(provider.dir, 'certs', 'ca.pem');
  /** Every byte value, so a lossy path (text decoding, line endings) shows. */
  const binary = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7) % 256));

  let envelope: { folderId: string; uid: number; bytes: Uint8Array; messageId: string } | undefined;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'pec-compose-more-'));
    provider = await startApiProvider({ events: (event) => events.push(event) });
    base = provider.base;
    mario = await signIn(base, holders.mario);
    anna = await signIn(base, holders.anna);
  });
  after(async () => {
    await provider.close();
    await rm(work, { recursive: true, force: true });
  });

  it('sends HTML as multipart/alternative in a verifiable envelope, logged with the web session', async () => {
    const subject = `Memoria HTML ${String(Date.now())}`;
    const html =
      '<p>Buongiorno,</p><p>la <strong>memoria</strong> è <em>allegata</em>.</p><ul><li>uno</li></ul>';
    const result = await send(mario, {
      to: [holders.anna],
      subject,
      text: 'Buongiorno,\n\nla memoria è allegata.\n\n- uno',
      html,
      attachments: [
        { name: 'dati.bin', contentType: 'application/octet-stream', content: binary.toString('base64') },
      ],
    });
    const found = await waitFor(
      anna,
      'INBOX',
      (m) => m.pecType === 'posta-certificata' && m.subject.includes(subject),
    );
    const bytes = await raw(anna, found.folderId, found.uid);
    assert.equal(await opensslProblem(work, bytes, caFile()), undefined, 'openssl smime -verify');
    const daticert = partNamed(bytes, 'daticert.xml');
    assert.ok(daticert !== undefined, 'daticert.xml');
    await writeFile(join(work, 'daticert.xml'), daticert);
    await promisify(execFile)('xmllint', ['--noout', '--dtdvalid', daticertDtd, join(work, 'daticert.xml')]);

    const original = postacert(bytes);
    const alternative = findParts(
      original,
      (n) => n.contentType.type === 'multipart' && n.contentType.subtype === 'alternative',
    );
    assert.equal(alternative.length, 1, 'one multipart/alternative');
    assert.deepEqual(
      alternative[0]?.children.map((c) => `${c.contentType.type}/${c.contentType.subtype}`),
      ['text/plain', 'text/html'],
    );
    const [file] = findParts(original, (n) => n.filename === 'dati.bin');
    assert.ok(file !== undefined);
    assert.deepEqual(Buffer.from(readBodyBytes(bytes, file)), binary, 'the attachment byte-exact');

    const view = await json<MessageBody>(`/api/v1/messages/${found.folderId}/${String(found.uid)}`, anna);
    assert.equal(view.html?.includes('<strong>memoria</strong>'), true);
    // The access point gave the original the identificativo as Message-ID (pec-spec §2.2 step 5), in
    // the sender's Sent copy as in postacert.eml: both sides thread on it.
    assert.equal(view.messageId, `<${result.identifier}>`);
    envelope = { folderId: found.folderId, uid: found.uid, bytes, messageId: `<${result.identifier}>` };

    const accepted = events.find((e) => e.event === 'submission.accepted' && e.id === result.identifier);
    assert.ok(accepted !== undefined, 'submission.accepted logged');
    const token = mario.slice('pec_session='.length);
    assert.deepEqual(
      {
        protocol: accepted.protocol,
        session: accepted.session,
        user: 'user' in accepted ? accepted.user : '',
      },
      { protocol: 'http', session: createHash('sha256').update(token).digest('hex'), user: holders.mario },
    );
  });

  it('logs a refused send as submission.refused at its stage', async () => {
    const response = await call('POST', '/api/v1/outgoing', mario, { to: ['not an address'], subject: 'x' });
    assert.equal(response.status, 422);
    const refused = events.find((e) => e.event === 'submission.refused' && e.protocol === 'http');
    assert.ok(refused !== undefined && 'stage' in refused);
    assert.equal(refused.stage, 'rcpt-to');
  });

  it('threads a reply on the original and forwards the signed envelope whole, still verifiable', async () => {
    assert.ok(envelope !== undefined, 'the first test ran');
    const reply = await send(anna, {
      to: [holders.mario],
      subject: 'Re: memoria',
      text: 'Ricevuto.',
      inReplyTo: envelope.messageId,
      references: envelope.messageId,
    });
    const got = await waitFor(
      mario,
      'INBOX',
      (m) => m.pecType === 'posta-certificata' && m.subject.includes('Re: memoria'),
    );
    const view = await json<MessageBody>(`/api/v1/messages/${got.folderId}/${String(got.uid)}`, mario);
    assert.equal(view.messageId, `<${reply.identifier}>`);
    assert.equal(view.references, envelope.messageId, 'References carried (RFC 5322 §3.6.4)');
    const replyOriginal = postacert(await raw(mario, got.folderId, got.uid));
    assert.equal(getHeader(replyOriginal.headers, 'in-reply-to')?.trim(), envelope.messageId);

    await send(anna, {
      to: [holders.bruno],
      subject: 'Fwd: memoria',
      text: 'In allegato la PEC ricevuta.',
      attachments: [
        {
          name: 'postacert.eml',
          contentType: 'message/rfc822',
          content: Buffer.from(envelope.bytes).toString('base64'),
        },
      ],
    });
    const bruno = await signIn(base, holders.bruno);
    const fwd = await waitFor(
      bruno,
      'INBOX',
      (m) => m.pecType === 'posta-certificata' && m.subject.includes('Fwd: memoria'),
    );
    const bytes = await raw(bruno, fwd.folderId, fwd.uid);
    assert.equal(await opensslProblem(work, bytes, caFile()), undefined, 'the forwarding envelope verifies');
    const original = postacert(bytes);
    const [attached] = findParts(
      original,
      (n) => n.contentType.type === 'message' && n.filename === 'postacert.eml',
    );
    assert.ok(attached !== undefined, 'message/rfc822 attachment');
    assert.match(attached.transferEncoding, /^(7bit|8bit)$/, 'RFC 2046 §5.2.1: no base64');
    const inner = readBodyBytes(bytes, attached);
    assert.deepEqual(Buffer.from(inner), Buffer.from(envelope.bytes), 'the forwarded envelope byte for byte');
    assert.equal(
      await opensslProblem(work, inner, caFile()),
      undefined,
      'the forwarded envelope still verifies',
    );
  });

  it('reopens a draft with every field and its attachments byte-exact, for its holder only', async () => {
    assert.ok(envelope !== undefined, 'the first test ran');
    const fields = {
      to: [holders.anna],
      cc: [holders.bruno],
      subject: 'Bozza è ricca',
      text: 'Testo\n\ncon righe',
      html: '<p>Testo</p><blockquote><p>citato</p></blockquote>',
      receiptType: 'sintetica',
      attachments: [
        { name: 'dati è.bin', contentType: 'application/octet-stream', content: binary.toString('base64') },
        {
          name: 'postacert.eml',
          contentType: 'message/rfc822',
          content: Buffer.from(envelope.bytes).toString('base64'),
        },
      ],
      inReplyTo: envelope.messageId,
      references: `<a@x.it> ${envelope.messageId}`,
    };
    const first = await call('POST', '/api/v1/drafts', mario, fields);
    assert.equal(first.status, 201);
    const saved = (await first.json()) as { uid: number };
    const draft = await json<DraftBody>(`/api/v1/drafts/${String(saved.uid)}`, mario);
    assert.deepEqual(draft, fields);

    // Saving the reopened draft replaces it; the old UID is gone, Anna cannot read Mario's.
    const second = await call('POST', '/api/v1/drafts', mario, {
      ...fields,
      subject: 'Bozza 2',
      replaces: saved.uid,
    });
    const resaved = (await second.json()) as { uid: number };
    assert.equal((await call('GET', `/api/v1/drafts/${String(saved.uid)}`, mario)).status, 404);
    assert.equal((await call('GET', `/api/v1/drafts/${String(resaved.uid)}`, anna)).status, 404);
    assert.equal((await json<DraftBody>(`/api/v1/drafts/${String(resaved.uid)}`, mario)).subject, 'Bozza 2');
    assert.equal((await fetch(`${base}/api/v1/drafts/${String(resaved.uid)}`)).status, 401);
  });
});
