/**
 * `pec init`, `pec domain`, `pec mailbox` as a person runs them: the real bin/pec.js in a child
 * process on a temporary data folder. The export test stores messages
 * straight through storage and checks that the exported .eml files are byte-identical.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildAcceptance, deriveOriginalFacts, signPecMessage } from '@pec/core';
import { openProvider } from '../../src/app/open-provider.ts';
import { verifyPassword } from '../../src/services/accounts/hash-password.ts';
import { storeMessage } from '../../src/services/mailboxes/store-message.ts';
import { repoRoot } from '../pec-samples-dir.ts';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function pec(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'packages/server/bin/pec.js'), ...args], {
      env: { ...process.env, PEC_DATA: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      resolve({ status, stdout, stderr });
    });
  });
}

function ok(run: Run): Run {
  assert.equal(run.status, 0, `exit ${String(run.status)}: ${run.stderr}`);
  return run;
}

const original = Buffer.from(
  'From: Mario Rossi <mario.rossi@pec.example.it>\r\nTo: anna@pec.example.it\r\n' +
    'Subject: Contratto\r\nMessage-ID: <orig-1@client.example>\r\nDate: Mon, 02 Mar 2026 10:00:00 +0100\r\n' +
    'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nIn allegato il contratto.\r\n',
);

describe('pec init / domain / mailbox (child process)', () => {
  let root = '';
  let data = '';

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'pec-cli-accounts-'));
    data = join(root, 'data');
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('init prints where things are, the DEVELOPMENT warning and the CA path; refuses a second init', async () => {
    const run = ok(
      await pec('init', '--domain', 'pec.example.it', '--provider-name', 'Example PEC', '--data', data,
        '--listen', '127.0.0.1', '--smtp-port', '12525', '--submission-port', '12587', '--http-port', '18080'),
    ); // prettier-ignore
    assert.match(run.stdout, /DEVELOPMENT/);
    assert.ok(run.stdout.includes(join(data, 'certs', 'ca.pem')), run.stdout);
    assert.ok(run.stdout.includes(join(data, 'pec.config.json')), run.stdout);
    assert.match(run.stdout, /smtp 12525, submission 12587/);
    const config = JSON.parse(await readFile(join(data, 'pec.config.json'), 'utf8')) as {
      ports: Record<string, number>;
      provider: { domain: string; name: string };
    };
    assert.equal(config.ports['http'], 18080);
    assert.equal(config.provider.domain, 'pec.example.it');
    assert.equal(config.provider.name, 'Example PEC');

    const again = await pec('init', '--domain', 'pec.example.it', '--data', data);
    assert.notEqual(again.status, 0);
    assert.match(again.stderr, /already initialised/);
  });

  it('domain add and list', async () => {
    ok(await pec('domain', 'add', 'Studio-Rossi.pec.example.it', '--data', data));
    const list = ok(await pec('domain', 'list', '--json', '--data', data));
    const names = (JSON.parse(list.stdout) as { name: string }[]).map((d) => d.name);
    assert.deepEqual(names, ['pec.example.it', 'studio-rossi.pec.example.it']);
    assert.match(
      await readFile(join(data, 'certs', 'index.ldif'), 'utf8'),
      /managedDomains: studio-rossi\.pec\.example\.it/,
    );
    const duplicate = await pec('domain', 'add', 'pec.example.it', '--data', data);
    assert.equal(duplicate.status, 1);
    assert.match(duplicate.stderr, /exists/);
  });

  it('mailbox add, list --json, passwd and set', async () => {
    ok(
      await pec('mailbox', 'add', 'Mario.Rossi@pec.example.it', '--password', 'first-password',
        '--holder-name', 'Mario Rossi', '--tax-code', 'RSSMRA85T10A562S', '--contact-email', 'mario@example.com',
        '--mobile', '+39 333 1234567', '--quota', '2G', '--data', data),
    ); // prettier-ignore
    ok(
      await pec(
        'mailbox',
        'add',
        'ufficio@studio-rossi.pec.example.it',
        '--password',
        'office-password',
        '--data',
        data,
      ),
    );
    const badTax = await pec('mailbox', 'add', 'anna@pec.example.it', '--password', 'anna-password',
      '--tax-code', 'RSSMRA85T10A562X', '--data', data); // prettier-ignore
    assert.equal(badTax.status, 1);
    assert.match(badTax.stderr, /check letter/);

    ok(
      await pec(
        'mailbox',
        'passwd',
        'mario.rossi@pec.example.it',
        '--password',
        'second-password',
        '--data',
        data,
      ),
    );
    ok(
      await pec('mailbox', 'set', 'mario.rossi@pec.example.it', '--ordinary-mail', 'forward', '--forward-to',
        'mario@example.com', '--quota', '500M', '--status', 'suspended', '--data', data),
    ); // prettier-ignore
    const noForward = await pec('mailbox', 'set', 'ufficio@studio-rossi.pec.example.it', '--ordinary-mail', 'forward',
      '--status', 'suspended', '--data', data); // prettier-ignore
    assert.equal(noForward.status, 1);

    const list = ok(await pec('mailbox', 'list', '--json', '--data', data));
    const mailboxes = JSON.parse(list.stdout) as Record<string, unknown>[];
    assert.deepEqual(
      mailboxes.map((m) => m['address']),
      ['mario.rossi@pec.example.it', 'ufficio@studio-rossi.pec.example.it'],
    );
    const mario = mailboxes[0]!;
    assert.equal(mario['holderName'], 'Mario Rossi');
    assert.equal(mario['holderTaxCode'], 'RSSMRA85T10A562S');
    assert.equal(mario['mobile'], '+393331234567');
    assert.equal(mario['quotaBytes'], 500 * 1024 * 1024);
    assert.equal(mario['status'], 'suspended');
    assert.equal(mario['ordinaryMailPolicy'], 'forward');
    assert.equal(mario['forwardAddress'], 'mario@example.com');
    assert.equal(mailboxes[1]!['status'], 'active', 'a refused set changes nothing');
    assert.ok(!list.stdout.includes('argon2'), 'no credentials in the listing');

    const ctx = await openProvider({ dataDir: data });
    try {
      const stored = await ctx.storage.accounts.findMailboxByAddress('mario.rossi@pec.example.it');
      const hash = (await ctx.storage.accounts.getPasswordHash(stored!.id)) ?? '';
      assert.ok(hash.startsWith('$argon2id$'));
      assert.equal(await verifyPassword(hash, 'second-password'), true);
      assert.equal(await verifyPassword(hash, 'first-password'), false);
    } finally {
      await ctx.close();
    }
  });

  it('export of an empty mailbox writes index.json []', async () => {
    const out = join(root, 'export-empty');
    ok(await pec('mailbox', 'export', 'ufficio@studio-rossi.pec.example.it', '--out', out, '--data', data));
    assert.deepEqual(JSON.parse(await readFile(join(out, 'index.json'), 'utf8')), []);
    assert.deepEqual(await readdir(out), ['index.json']);
  });

  it('export writes byte-identical .eml files and the index fields', async () => {
    const ctx = await openProvider({ dataDir: data });
    const issuedAt = new Date('2026-03-02T09:00:05.000Z');
    let receipt: Uint8Array;
    try {
      const mailbox = (await ctx.storage.accounts.findMailboxByAddress('mario.rossi@pec.example.it'))!;
      const unsigned = buildAcceptance({
        provider: ctx.identity,
        issuedAt,
        messageId: '<receipt-1@pec.example.it>',
        identifier: 'opec21.20260302100005.00001.pec.example.it',
        facts: deriveOriginalFacts(original, (address) => ctx.index.classifyDomain(address)),
      });
      receipt = await signPecMessage(unsigned, ctx.signer, issuedAt);
      await storeMessage(ctx.storage, ctx.blobs, {
        mailboxId: mailbox.id,
        folderName: 'INBOX',
        bytes: receipt,
        internalDate: issuedAt,
        flags: ['\\Seen'],
      });
      await storeMessage(ctx.storage, ctx.blobs, {
        mailboxId: mailbox.id,
        folderName: 'Sent',
        bytes: original,
        internalDate: new Date('2026-03-02T09:00:00.000Z'),
      });
    } finally {
      await ctx.close();
    }

    const out = join(root, 'export-all');
    const run = ok(
      await pec('mailbox', 'export', 'mario.rossi@pec.example.it', '--out', out, '--data', data),
    );
    assert.match(run.stdout, /exported 2 message/);
    const index = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as Record<string, unknown>[];
    assert.deepEqual(index, [
      {
        file: 'INBOX/1.eml',
        folder: 'INBOX',
        uid: 1,
        flags: ['\\Seen'],
        internalDate: '2026-03-02T09:00:05.000Z',
        type: 'accettazione',
      },
      {
        file: 'Sent/1.eml',
        folder: 'Sent',
        uid: 1,
        flags: [],
        internalDate: '2026-03-02T09:00:00.000Z',
        type: 'ordinaria',
      },
    ]);
    assert.deepEqual(await readFile(join(out, 'INBOX/1.eml')), Buffer.from(receipt));
    assert.deepEqual(await readFile(join(out, 'Sent/1.eml')), original);

    const inboxOnly = join(root, 'export-inbox');
    ok(
      await pec(
        'mailbox',
        'export',
        'mario.rossi@pec.example.it',
        '--out',
        inboxOnly,
        '--folder',
        'inbox',
        '--data',
        data,
      ),
    );
    const inboxIndex = JSON.parse(await readFile(join(inboxOnly, 'index.json'), 'utf8')) as {
      file: string;
    }[];
    assert.deepEqual(
      inboxIndex.map((entry) => entry.file),
      ['INBOX/1.eml'],
    );
    const again = await pec('mailbox', 'export', 'mario.rossi@pec.example.it', '--out', out, '--data', data);
    assert.equal(again.status, 1, 'refuses a non-empty output folder');
  });
});
