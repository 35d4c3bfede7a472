/**
 * The holder's incoming-mail settings over a real provider (decision 0026): every new route refused
 * without a session; the API reads and writes ordinary mail, sender lists, antispam and rules, each
 * holder only their own; ordinary mail from Python's smtplib at the MX follows the policy, the
 * folder and the lists; a PEC matching a rule lands in the rule's folder, flagged, and its delivery
 * receipt is issued all the same; the Sieve export names the rule.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ProviderContext } from '../../src/app/provider-context.ts';
import { legalLogEvents } from '../../src/services/log-register/legal-log-events.ts';
import { holders, signIn, startApiProvider, type ApiProvider } from '../api/api-provider.ts';
import { ordinaryMessage, sendToMx } from './send-to-mx.ts';

const aRule = { name: 'r', conditions: [], actions: [{ kind: 'flag' }] };
const antispam = { enabled: true, threshold: 6, action: 'refuse', pecToSpamFolder: false };
/** Every new route with a valid body (validation runs before the session check). */
const routes: readonly [string, string, unknown?][] = [
  ['GET', '/api/v1/settings/ordinary-mail'],
  ['PATCH', '/api/v1/settings/ordinary-mail', { policy: 'reject' }],
  ['POST', '/api/v1/settings/senders', { list: 'allow', value: 'a.example' }],
  ['DELETE', '/api/v1/settings/senders/1'],
  ['GET', '/api/v1/settings/antispam'],
  ['PATCH', '/api/v1/settings/antispam', antispam],
  ['GET', '/api/v1/settings/rules'],
  ['POST', '/api/v1/settings/rules', aRule],
  ['PATCH', '/api/v1/settings/rules/1', aRule],
  ['DELETE', '/api/v1/settings/rules/1'],
  ['POST', '/api/v1/settings/rules/order', { ids: [1] }],
  ['GET', '/api/v1/settings/rules/sieve'],
];

async function folderState(ctx: ProviderContext, address: string, name: string) {
  const mailbox = await ctx.storage.accounts.findMailboxByAddress(address);
  assert.ok(mailbox);
  const folder = await ctx.storage.mailboxes.getFolder(mailbox.id, name);
  return folder === undefined ? [] : ctx.storage.mailboxes.listMessages(folder.id);
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 150; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(`${what} within 30 s`);
}

describe('incoming-mail settings (decision 0026)', { timeout: 180_000 }, () => {
  let provider: ApiProvider;
  let mario: string;
  let anna: string;
  let mxPort: number;
  before(async () => {
    provider = await startApiProvider();
    mario = await signIn(provider.base, holders.mario);
    anna = await signIn(provider.base, holders.anna);
    const mx = provider.running.addresses.find((a) => a.name === 'smtp');
    assert.ok(mx);
    mxPort = mx.port;
  });
  after(() => provider.close());

  const call = async (method: string, path: string, cookie?: string, body?: unknown) => {
    const response = await fetch(`${provider.base}${path}`, {
      method,
      headers: {
        'x-pec-request': '1',
        ...(cookie === undefined ? {} : { cookie }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      type,
      text,
      body: type.includes('json') && text !== '' ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };

  it('refuses every settings route without a session (401 authentication-required)', async () => {
    for (const [method, path, body] of routes) {
      const answer = await call(method, path, undefined, body);
      assert.equal(answer.status, 401, `${method} ${path} ${answer.text}`);
      assert.equal(answer.body['reason'], 'authentication-required', `${method} ${path}`);
    }
    const openapi = JSON.parse((await call('GET', '/api/openapi.json')).text) as {
      paths: Record<string, unknown>;
    };
    for (const path of [
      '/api/v1/settings/ordinary-mail',
      '/api/v1/settings/senders',
      '/api/v1/settings/antispam',
      '/api/v1/settings/rules',
      '/api/v1/settings/rules/sieve',
    ])
      assert.ok(path in openapi.paths, path);
  });

  it('reads and writes ordinary mail and the sender lists; refuses bad addresses and folders', async () => {
    const initial = await call('GET', '/api/v1/settings/ordinary-mail', mario);
    assert.equal(initial.status, 200);
    assert.deepEqual(initial.body, {
      policy: 'reject',
      forwardAddress: null,
      folder: 'INBOX',
      allow: [],
      block: [],
    });
    assert.equal(
      (await call('PATCH', '/api/v1/settings/ordinary-mail', mario, { policy: 'forward' })).status,
      422,
    );
    assert.equal(
      (await call('PATCH', '/api/v1/settings/ordinary-mail', mario, { policy: 'accept', folder: 'a/*' }))
        .status,
      422,
    );
    const added = await call('POST', '/api/v1/settings/senders', mario, {
      list: 'allow',
      value: '@Amici.example',
    });
    assert.equal(added.status, 201);
    assert.equal(added.body['value'], 'amici.example');
    assert.equal(
      (await call('POST', '/api/v1/settings/senders', mario, { list: 'block', value: 'not a domain' }))
        .status,
      422,
    );
    const blocked = await call('POST', '/api/v1/settings/senders', mario, {
      list: 'block',
      value: 'spam.example',
    });
    // Anna cannot remove Mario's entry.
    assert.equal(
      (await call('DELETE', `/api/v1/settings/senders/${String(blocked.body['id'])}`, anna)).status,
      404,
    );
    const now = await call('GET', '/api/v1/settings/ordinary-mail', mario);
    assert.deepEqual(
      (now.body['block'] as { value: string }[]).map((e) => e.value),
      ['spam.example'],
    );
    const accept = await call('PATCH', '/api/v1/settings/ordinary-mail', anna, {
      policy: 'accept',
      folder: 'Ordinaria',
    });
    assert.equal(accept.status, 200);
    assert.equal(accept.body['folder'], 'Ordinaria');
    await call('POST', '/api/v1/settings/senders', anna, { list: 'block', value: 'spam.example' });
  });

  it('files ordinary mail over SMTP by policy, folder and lists', async () => {
    // Mario rejects ordinary mail, but allows amici.example and blocks spam.example.
    const refused = await sendToMx({
      port: mxPort,
      mailFrom: 'x@altro.example',
      rcptTo: [holders.mario],
      raw: ordinaryMessage('x@altro.example', holders.mario, 'Nessuno'),
    });
    assert.equal(refused.code, 550, refused.text);
    const allowed = await sendToMx({
      port: mxPort,
      mailFrom: 'luca@amici.example',
      rcptTo: [holders.mario],
      raw: ordinaryMessage('luca@amici.example', holders.mario, 'Da un amico'),
    });
    assert.equal(allowed.code, 250, allowed.text);
    const inbox = await folderState(provider.ctx, holders.mario, 'INBOX');
    assert.equal(inbox.length, 1);
    assert.equal(inbox[0]?.pecType, 'anomalia');
    // Anna accepts into "Ordinaria" and blocks spam.example.
    const filed = await sendToMx({
      port: mxPort,
      mailFrom: 'luca@altro.example',
      rcptTo: [holders.anna],
      raw: ordinaryMessage('luca@altro.example', holders.anna, 'Per Anna'),
    });
    assert.equal(filed.code, 250, filed.text);
    assert.equal((await folderState(provider.ctx, holders.anna, 'Ordinaria')).length, 1);
    const spam = await sendToMx({
      port: mxPort,
      mailFrom: 'offerte@spam.example',
      rcptTo: [holders.anna],
      raw: ordinaryMessage('offerte@spam.example', holders.anna, 'Offerta'),
    });
    assert.equal(spam.code, 550, spam.text);
    assert.equal((await folderState(provider.ctx, holders.anna, 'Ordinaria')).length, 1);
  });

  it('keeps rules per holder: add, edit, reorder, delete, export as Sieve', async () => {
    const receipts = await call('POST', '/api/v1/settings/rules', mario, {
      name: 'Ricevute',
      match: 'any',
      conditions: [{ field: 'pec-type', value: 'avvenuta-consegna' }],
      actions: [{ kind: 'move', folder: 'Ricevute' }, { kind: 'mark-read' }],
    });
    assert.equal(receipts.status, 201, receipts.text);
    const invoices = await call('POST', '/api/v1/settings/rules', mario, {
      name: 'Fatture',
      conditions: [
        { field: 'subject', op: 'contains', value: 'fattura' },
        { field: 'pec-type', value: 'posta-certificata' },
      ],
      actions: [
        { kind: 'move', folder: 'Fatture' },
        { kind: 'flag' },
        { kind: 'forward', to: holders.bruno },
        { kind: 'stop' },
      ],
    });
    assert.equal(invoices.status, 201);
    assert.equal(
      (
        await call('POST', '/api/v1/settings/rules', mario, {
          name: 'x',
          conditions: [],
          actions: [{ kind: 'forward', to: 'nope' }],
        })
      ).status,
      422,
    );
    assert.equal(
      (
        await call('POST', '/api/v1/settings/rules', mario, {
          name: 'x',
          conditions: [{ field: 'size', op: 'over' }],
          actions: [{ kind: 'flag' }],
        })
      ).status,
      400,
    );
    const ids = [Number(invoices.body['id']), Number(receipts.body['id'])];
    assert.equal((await call('POST', '/api/v1/settings/rules/order', mario, { ids: [ids[0]] })).status, 409);
    assert.equal((await call('POST', '/api/v1/settings/rules/order', mario, { ids })).status, 204);
    assert.equal((await call('POST', '/api/v1/settings/rules/order', anna, { ids })).status, 409);
    assert.equal(
      (
        await call('PATCH', `/api/v1/settings/rules/${String(ids[1])}`, anna, {
          name: 'y',
          conditions: [],
          actions: [{ kind: 'flag' }],
        })
      ).status,
      404,
    );
    assert.equal((await call('DELETE', `/api/v1/settings/rules/${String(ids[1])}`, anna)).status, 404);
    const list = await call('GET', '/api/v1/settings/rules', mario);
    assert.deepEqual(
      (list.body['rules'] as { name: string }[]).map((r) => r.name),
      ['Fatture', 'Ricevute'],
    );
    assert.deepEqual((await call('GET', '/api/v1/settings/rules', anna)).body['rules'], []);
    const spam = await call('PATCH', '/api/v1/settings/antispam', anna, antispam);
    // No antispam.rspamd.url here: the choices are kept, and the screen says the filter is off.
    assert.deepEqual(spam.body, { ...antispam, filterActive: false });
    assert.deepEqual((await call('GET', '/api/v1/settings/antispam', mario)).body, {
      enabled: true,
      threshold: 6,
      action: 'spam-folder',
      pecToSpamFolder: false,
      filterActive: false,
    });
    const sieve = await call('GET', '/api/v1/settings/rules/sieve', mario);
    assert.equal(sieve.status, 200);
    assert.match(sieve.type, /^application\/sieve/);
    assert.match(sieve.text, /require \["fileinto", "imap4flags"\];/);
    assert.match(
      sieve.text,
      /# Fatture\nif allof \(header :contains "subject" "fattura",\n {4}header :is "X-Trasporto" "posta-certificata"\) \{\n {2}addflag "\\\\Flagged";\n {2}fileinto "Fatture";\n {2}redirect "bruno@pec\.api\.localhost"; # sent as a new PEC from this box\n {2}stop;\n\}/,
    );
  });

  it('files a PEC in the folder its rule names, and its delivery receipt is still issued', async () => {
    const before = (await folderState(provider.ctx, holders.anna, 'INBOX')).length;
    // provider.deliverPec waits for INBOX; here the rule files it elsewhere, so submit and wait on Fatture.
    await Promise.race([
      provider
        .deliverPec(holders.anna, holders.mario, 'Fattura 7/2026', 'In allegato la fattura.')
        .catch(() => undefined),
      waitFor('the envelope in Fatture', async () => {
        const filed = await folderState(provider.ctx, holders.mario, 'Fatture');
        return filed.length > 0 ? filed : undefined;
      }),
    ]);
    const [envelope] = await waitFor('the envelope in Fatture', async () => {
      const filed = await folderState(provider.ctx, holders.mario, 'Fatture');
      return filed.length > 0 ? filed : undefined;
    });
    assert.equal(envelope?.pecType, 'posta-certificata');
    assert.ok(envelope.flags.includes('\\Flagged'), JSON.stringify(envelope.flags));
    const inbox = await folderState(provider.ctx, holders.mario, 'INBOX');
    assert.ok(!inbox.some((m) => m.pecType === 'posta-certificata'), 'not also in INBOX');
    // Anna, the sender, gets her acceptance and delivery receipts in her INBOX.
    const receipts = await waitFor('the delivery receipt', async () => {
      const messages = await folderState(provider.ctx, holders.anna, 'INBOX');
      return messages.length >= before + 2 ? messages : undefined;
    });
    assert.ok(receipts.some((m) => m.pecType === 'avvenuta-consegna'));
    // The forward is a new PEC from Mario's box to Bruno, the original attached.
    const forwarded = await waitFor('the forwarded PEC at Bruno', async () => {
      const messages = await folderState(provider.ctx, holders.bruno, 'INBOX');
      return messages.find((m) => m.pecType === 'posta-certificata');
    });
    assert.match(forwarded.envelope.subject ?? '', /I: Fattura 7\/2026/);
    assert.equal(forwarded.envelope.replyTo[0]?.address, holders.mario);
    const log = await provider.ctx.storage.legalLog.search({ sender: holders.anna });
    assert.ok(
      log.some(
        (e) => e.eventType === legalLogEvents.deliveryReceiptIssued && e.recipients.includes(holders.mario),
      ),
    );
  });
});
