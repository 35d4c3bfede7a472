/**
 * The security archive against a served provider (decision 0035): switched on over the web API,
 * a PEC delivered afterwards is archived for the recipient (the envelope) and the sender (the
 * acceptance receipt, the Sent copy, the delivery receipt) sharing the box copy's blob; mail from
 * before it was switched on is not. Deleting the envelope from INBOX over IMAP leaves the archived
 * one. Over a real IMAPS socket the archive folder opens [READ-ONLY] with SELECT, and STORE,
 * EXPUNGE, APPEND, COPY and MOVE into it, MOVE out of it, RENAME and DELETE are refused with NO and
 * a clear text, while FETCH gives the delivered bytes; Python's imaplib sees the same. Deleting
 * from the archive over the API is refused until the holder enables manual deletion; another
 * holder gets 404 for the archive folder. Past the archive quota nothing more is archived, the
 * delivery still happens, and the holder is told once.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openImapConversation } from '../../src/protocols/imap/testing/imap-conversation.ts';
import { holders, password, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';

const archiveName = 'Archivio di sicurezza';

const imaplibScript = String.raw`
import hashlib, imaplib, json, ssl, sys
o = json.load(sys.stdin)
ctx = ssl.create_default_context(cafile=o['ca'])
out = {}
folder = '"' + o['folder'] + '"'
imap = imaplib.IMAP4_SSL(o['host'], o['port'], ssl_context=ctx)
imap.login(o['user'], o['password'])
try:
    imap.select(folder)
    out['select'] = 'writable'
except imaplib.IMAP4.readonly as e:
    out['select'] = 'readonly: ' + str(e)
imap.shutdown()
imap = imaplib.IMAP4_SSL(o['host'], o['port'], ssl_context=ctx)
imap.login(o['user'], o['password'])
typ, data = imap.select(folder, readonly=True)
out['exists'] = int(data[0])
typ, data = imap.fetch('1', '(BODY.PEEK[])')
out['sha256'] = hashlib.sha256(data[0][1]).hexdigest()
typ, data = imap.store('1', '+FLAGS', '(\\Deleted)')
out['store'] = typ + ' ' + data[0].decode()
imap.logout()
print(json.dumps(out))
`;

interface Overview {
  enabled: boolean;
  kinds: string[];
  manualDeletion: boolean;
  enabledAt: string | null;
  fullSince: string | null;
  folder: { id: number; name: string } | null;
  messages: number;
  usedBytes: number;
  quotaBytes: number;
}

function portOf(provider: ApiProvider, name: string): number {
  const address = provider.running.addresses.find((a) => a.name === name);
  assert.ok(address !== undefined, name);
  return address.port;
}

describe('security archive', { timeout: 300_000 }, () => {
  let provider: ApiProvider;
  const cookies = new Map<string, string>();

  before(async () => {
    provider = await startApiProvider();
    const { plans, accounts } = provider.ctx.storage;
    await plans.add({
      name: 'pro',
      description: 'Pro',
      boxQuotaBytes: 50_000_000,
      archiveQuotaBytes: 10_000_000,
      smsIncluded: false,
      durationMonths: 12,
      priceCents: 0,
    });
    for (const address of [holders.mario, holders.anna, holders.bruno]) {
      const box = await accounts.findMailboxByAddress(address);
      assert.ok(box !== undefined);
      await accounts.updateMailbox(box.id, { plan: 'pro' });
      cookies.set(address, await signIn(provider.base, address));
    }
  });
  after(() => provider.close());

  const api = async (holder: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${provider.base}${path}`, {
      method,
      headers: {
        cookie: cookies.get(holder) ?? '',
        'x-pec-request': '1',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json() };
  };
  const overview = async (holder: string) =>
    (await api(holder, 'GET', '/api/v1/security-archive')).body as Overview;
  const archived = async (holder: string) => {
    const box = await provider.ctx.storage.accounts.findMailboxByAddress(holder);
    assert.ok(box !== undefined);
    const folder = await provider.ctx.storage.mailboxes.getFolder(box.id, archiveName);
    return folder === undefined ? [] : provider.ctx.storage.mailboxes.listMessages(folder.id);
  };
  async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    for (let attempt = 0; attempt < 150; attempt++) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.fail(`${what} within 30 s`);
  }

  it('archives what is delivered after it is switched on, read-only over IMAP, deletable only when allowed', async () => {
    const off = await overview(holders.anna);
    assert.deepEqual(
      { ...off, enabledAt: null },
      {
        enabled: false,
        kinds: ['acceptance', 'delivery', 'received', 'sent'],
        manualDeletion: false,
        enabledAt: null,
        fullSince: null,
        folder: null,
        messages: 0,
        usedBytes: 0,
        quotaBytes: 10_000_000,
      },
    );
    await provider.deliverPec(holders.mario, holders.anna, 'Prima dell archivio', 'Non archiviata.');

    const settings = {
      enabled: true,
      kinds: ['acceptance', 'delivery', 'received', 'sent'],
      manualDeletion: false,
    };
    const on = await api(holders.anna, 'PATCH', '/api/v1/security-archive', settings);
    assert.equal(on.status, 200, JSON.stringify(on.body));
    assert.equal((on.body as Overview).enabled, true);
    assert.equal((await api(holders.mario, 'PATCH', '/api/v1/security-archive', settings)).status, 200);
    const bad = await api(holders.anna, 'PATCH', '/api/v1/security-archive', {
      ...settings,
      kinds: ['spam'],
    });
    assert.equal(bad.status, 400, 'an unknown kind is refused');

    await provider.deliverPec(holders.mario, holders.anna, 'Contratto firmato', 'Archiviata.');
    const annaArchive = await archived(holders.anna);
    assert.deepEqual(
      annaArchive.map((m) => [m.pecType, m.envelope.subject]),
      [['posta-certificata', 'POSTA CERTIFICATA: Contratto firmato']],
      'only the envelope delivered after switching on',
    );
    const marioArchive = await waitFor(
      "mario's delivery receipt archived",
      () => archived(holders.mario),
      (list) => list.length >= 3,
    );
    assert.deepEqual(marioArchive.map((m) => m.pecType ?? 'none').sort(), [
      'accettazione',
      'avvenuta-consegna',
      'ordinaria',
    ]);

    // The webmail lists the archive by kind.
    const marioFolder = (await overview(holders.mario)).folder;
    assert.ok(marioFolder !== null);
    const byKind: Record<string, string[]> = {};
    for (const kind of ['acceptance', 'delivery', 'received', 'sent']) {
      const page = await api(
        holders.mario,
        'GET',
        `/api/v1/folders/${String(marioFolder.id)}/messages?kind=${kind}`,
      );
      assert.equal(page.status, 200, JSON.stringify(page.body));
      byKind[kind] = (page.body as { messages: { subject: string }[] }).messages.map((m) => m.subject);
    }
    assert.deepEqual(byKind, {
      acceptance: ['ACCETTAZIONE: Contratto firmato'],
      delivery: ['CONSEGNA: Contratto firmato'],
      received: [],
      sent: ['Contratto firmato'],
    });

    const anna = await provider.ctx.storage.accounts.findMailboxByAddress(holders.anna);
    assert.ok(anna !== undefined);
    const inbox = await provider.ctx.storage.mailboxes.getFolder(anna.id, 'INBOX');
    assert.ok(inbox !== undefined);
    const delivered = (await provider.ctx.storage.mailboxes.listMessages(inbox.id)).find((m) =>
      /Contratto firmato/.test(m.envelope.subject ?? ''),
    );
    assert.ok(delivered !== undefined);
    assert.equal(
      annaArchive[0]?.blobKey,
      delivered.blobKey,
      'one blob for the box copy and the archived one',
    );
    const bytes = await provider.ctx.blobs.get(delivered.blobKey);

    const imap = await openImapConversation({
      port: portOf(provider, 'imaps'),
      ca: await (await import('node:fs/promises')).readFile(join(provider.dir, 'certs', 'ca.pem'), 'utf8'),
      implicitTls: true,
      timeoutMs: 20_000,
    });
    await imap.expect(/^\* OK/);
    await imap.transact(`a1 LOGIN ${holders.anna} "${password}"`, /^a1 OK/);
    // The holder deletes the delivered PEC from INBOX.
    await imap.command('a2 SELECT INBOX');
    const uid = String(delivered.uid);
    assert.match((await imap.command(`a3 UID STORE ${uid} +FLAGS.SILENT (\\Deleted)`)).tagged, /^a3 OK/);
    assert.match((await imap.command('a4 EXPUNGE')).tagged, /^a4 OK/);
    assert.equal(
      (await provider.ctx.storage.mailboxes.listMessages(inbox.id)).some((m) => m.uid === delivered.uid),
      false,
    );
    const list = await imap.command('a5 LIST "" "*"');
    assert.ok(
      list.untagged.some((line) => line.endsWith(`"${archiveName}"`)),
      list.untagged.join('\n'),
    );
    const status = await imap.command(`a6 STATUS "${archiveName}" (MESSAGES)`);
    assert.ok(
      status.untagged.some((line) => /\(MESSAGES 1\)/.test(line)),
      status.untagged.join('\n'),
    );
    const selected = await imap.command(`a7 SELECT "${archiveName}"`);
    assert.match(selected.tagged, /^a7 OK \[READ-ONLY\] Select completed\./);
    assert.ok(
      selected.untagged.includes('* OK [PERMANENTFLAGS ()] Read-only mailbox.'),
      selected.untagged.join('\n'),
    );
    const fetched = await imap.command('a8 FETCH 1 (BODY.PEEK[])');
    assert.match(fetched.tagged, /^a8 OK/);
    const literal = fetched.untagged.join('\n');
    const size = Number(/\{(\d+)\}\r\n/.exec(literal)?.[1]);
    assert.equal(size, bytes.length);
    const body = Buffer.from(literal.slice(literal.indexOf('}\r\n') + 3), 'latin1').subarray(0, size);
    assert.ok(body.equals(Buffer.from(bytes)), 'FETCH gives the delivered bytes');
    assert.match((await imap.command('a9 STORE 1 +FLAGS (\\Deleted)')).tagged, /^a9 NO Mailbox is read-only/);
    assert.match((await imap.command('a10 EXPUNGE')).tagged, /^a10 NO Mailbox is read-only/);
    assert.match((await imap.command('a11 MOVE 1 INBOX')).tagged, /^a11 NO Mailbox is read-only/);
    const readOnly = /NO \[CANNOT\] Archivio di sicurezza is the security archive and is read-only/;
    imap.send(`a12 APPEND "${archiveName}" {10+}`);
    imap.send('Subject: x');
    assert.match(await imap.expect(/^a12 /), readOnly);
    assert.match((await imap.command(`a13 COPY 1 "${archiveName}"`)).tagged, readOnly);
    await imap.command('a14 SELECT INBOX');
    assert.match((await imap.command(`a15 COPY 1 "${archiveName}"`)).tagged, readOnly);
    assert.match((await imap.command(`a16 MOVE 1 "${archiveName}"`)).tagged, readOnly);
    assert.match((await imap.command(`a17 RENAME "${archiveName}" Altro`)).tagged, readOnly);
    assert.match((await imap.command(`a18 DELETE "${archiveName}"`)).tagged, readOnly);
    assert.match((await imap.command(`a19 EXAMINE "${archiveName}"`)).tagged, /^a19 OK \[READ-ONLY\]/);
    await imap.transact('a20 LOGOUT', /^\* BYE/, /^a20 OK/);
    imap.close();

    const python = await new Promise<string>((resolve, reject) => {
      const child = execFile('python3', ['-c', imaplibScript], (error, stdout, stderr) => {
        if (error === null) resolve(stdout);
        else reject(new Error(`${error.message}\n${stderr}`));
      });
      child.stdin?.end(
        JSON.stringify({
          host: '127.0.0.1',
          port: portOf(provider, 'imaps'),
          ca: join(provider.dir, 'certs', 'ca.pem'),
          user: holders.anna,
          password,
          folder: archiveName,
        }),
      );
    });
    const seen = JSON.parse(python) as { select: string; exists: number; sha256: string; store: string };
    assert.match(seen.select, /^readonly: .* is not writable/, 'imaplib sees [READ-ONLY] on SELECT');
    assert.equal(seen.exists, 1);
    assert.equal(seen.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.equal(seen.store, 'NO Mailbox is read-only');

    // Reading and downloading through the web API, as the webmail does.
    const view = await overview(holders.anna);
    assert.ok(view.folder !== null);
    assert.equal(view.messages, 1);
    assert.equal(view.usedBytes, bytes.length);
    const raw = await fetch(`${provider.base}/api/v1/messages/${String(view.folder.id)}/1/raw`, {
      headers: { cookie: cookies.get(holders.anna) ?? '' },
    });
    assert.equal(raw.status, 200);
    assert.ok(Buffer.from(await raw.arrayBuffer()).equals(Buffer.from(bytes)), '.eml byte-exact');
    // Another holder cannot see it.
    const foreign = await api(holders.bruno, 'GET', `/api/v1/folders/${String(view.folder.id)}/messages`);
    assert.equal(foreign.status, 404);
    const foreignRaw = await fetch(`${provider.base}/api/v1/messages/${String(view.folder.id)}/1/raw`, {
      headers: { cookie: cookies.get(holders.bruno) ?? '' },
    });
    assert.equal(foreignRaw.status, 404);
    assert.equal((await overview(holders.bruno)).folder, null);
    assert.deepEqual(
      (await api(holders.bruno, 'POST', '/api/v1/security-archive/delete', { uids: [1] })).status,
      409,
    );
    // The webmail's own delete action cannot touch it either.
    const webDelete = await api(holders.anna, 'POST', '/api/v1/messages/delete', {
      folderId: String(view.folder.id),
      uids: [1],
    });
    assert.ok(webDelete.status >= 400, JSON.stringify(webDelete));
    assert.equal((await archived(holders.anna)).length, 1);

    // Deleting from the archive: only once manual deletion is on.
    const refused = await api(holders.anna, 'POST', '/api/v1/security-archive/delete', { uids: [1] });
    assert.equal(refused.status, 409);
    assert.match(JSON.stringify(refused.body), /manual deletion/);
    await api(holders.anna, 'PATCH', '/api/v1/security-archive', { ...settings, manualDeletion: true });
    const removed = await api(holders.anna, 'POST', '/api/v1/security-archive/delete', { uids: [1] });
    assert.deepEqual(removed, { status: 200, body: { removed: [1] } });
    assert.equal((await overview(holders.anna)).messages, 0);
  });

  it('past the archive quota archives nothing more, still delivers, and tells the holder once', async () => {
    const anna = await provider.ctx.storage.accounts.findMailboxByAddress(holders.anna);
    assert.ok(anna !== undefined);
    await provider.ctx.storage.plans.update('pro', { archiveQuotaBytes: 100 });
    const before = (await archived(holders.anna)).length;
    await provider.deliverPec(holders.mario, holders.anna, 'Oltre la quota 1', 'x');
    await provider.deliverPec(holders.mario, holders.anna, 'Oltre la quota 2', 'x');
    assert.equal((await archived(holders.anna)).length, before, 'nothing archived past the quota');
    const inbox = await provider.ctx.storage.mailboxes.getFolder(anna.id, 'INBOX');
    assert.ok(inbox !== undefined);
    const messages = await provider.ctx.storage.mailboxes.listMessages(inbox.id);
    assert.equal(
      messages.filter((m) => /Oltre la quota/.test(m.envelope.subject ?? '')).length,
      2,
      'delivered',
    );
    const notices = messages.filter((m) => /Security archive of .* full/.test(m.envelope.subject ?? ''));
    assert.equal(notices.length, 1, 'told once');
    assert.notEqual((await overview(holders.anna)).fullSince, null);
  });
});
