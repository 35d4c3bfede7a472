/**
 * `pec message status` and `pec log search|verify` on a real data folder made by `initProvider`,
 * after one message went through the access point and the local delivery point.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { initProvider } from '../../src/app/init-provider.ts';
import { openProvider } from '../../src/app/open-provider.ts';
import { standardFolders } from '../../src/services/accounts/standard-folders.ts';
import { createAccessPoint } from '../../src/services/pipeline/access-point/create-access-point.ts';
import { createDeliverEnvelopeHandler } from '../../src/services/pipeline/delivery-point/create-deliver-envelope-handler.ts';
import { createOutboxWorker } from '../../src/services/pipeline/outbox/create-outbox-worker.ts';
import { envelopeJobKinds } from '../../src/services/pipeline/outbox/envelope-jobs.ts';
import { repoRoot } from '../pec-samples-dir.ts';
import { renderTestMessage } from './create-test-provider.ts';
import { accessPointDependencies, deliveryPointDependencies } from '../../src/app/service-dependencies.ts';

const mario = 'mario.rossi@pec.example.it';
const anna = 'anna.bianchi@pec.example.it';
const luca = 'luca.verdi@pec.example.it';

const pec = (...args: string[]) =>
  spawnSync(process.execPath, [join(repoRoot, 'packages/server/bin/pec.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, PEC_DATA: '' },
  });

describe('pec message status, pec log search, pec log verify', () => {
  let dir = '';
  let identifier = '';
  let databaseFile = '';
  const started = new Date();

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-cli-pipeline-'));
    await initProvider({ dataDir: dir, domain: 'pec.example.it', providerName: 'Example PEC S.p.A.' });
    const ctx = await openProvider({ dataDir: dir });
    try {
      databaseFile = ctx.config.config.storage.sqliteFile;
      await ctx.storage.accounts.getDomain('pec.example.it').then(async (domain) => {
        if (domain === undefined) await ctx.storage.accounts.addDomain({ name: 'pec.example.it' });
      });
      for (const address of [mario, anna, luca]) {
        const mailbox = await ctx.storage.accounts.createMailbox({
          address,
          holderName: address,
          quotaBytes: 1e7,
        });
        for (const folder of standardFolders) await ctx.storage.mailboxes.createFolder(mailbox.id, folder);
      }
      const outcome = await createAccessPoint(accessPointDependencies(ctx)).submit({
        authenticatedUser: mario,
        mailFrom: mario,
        rcptTo: [anna, luca],
        raw: renderTestMessage({ cc: luca }),
        remoteAddress: '127.0.0.1',
        secure: true,
      });
      assert.equal(outcome.kind, 'accepted');
      identifier = outcome.identifier;
      const worker = createOutboxWorker(
        ctx,
        { [envelopeJobKinds.deliver]: createDeliverEnvelopeHandler(deliveryPointDependencies(ctx)) },
        { owner: 'cli-test', leaseMs: 60_000, pollMs: 10 },
      );
      assert.equal(await worker.runOnce(), 1);
    } finally {
      await ctx.close();
    }
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('message status --json: every recipient delivered, with receipt identifiers and times', () => {
    const result = pec('message', 'status', `<${identifier}>`, '--json', '--data', dir);
    assert.equal(result.status, 0, result.stderr);
    const status = JSON.parse(result.stdout) as {
      identifier: string;
      sender: string;
      recipients: {
        address: string;
        status: string;
        events: { delivered?: { at: string; receiptId: string } };
      }[];
    };
    assert.equal(status.identifier, identifier);
    assert.equal(status.sender, mario);
    assert.deepEqual(
      status.recipients.map((r) => [r.address, r.status]),
      [
        [anna, 'delivered'],
        [luca, 'delivered'],
      ],
    );
    for (const recipient of status.recipients) {
      assert.match(recipient.events.delivered?.receiptId ?? '', /^opec1\..+@pec\.example\.it$/);
      assert.ok(Date.parse(recipient.events.delivered?.at ?? '') >= started.getTime() - 1000);
    }
  });

  it('message status prints text, and exits 1 for an unknown identifier', () => {
    const text = pec('message', 'status', identifier, '--data', dir);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`${anna} \\(certificato\\): delivered at `));
    assert.match(text.stdout, /delivered: .+ receipt opec1\./);
    const missing = pec('message', 'status', 'nope@pec.example.it', '--data', dir);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /no message with identificativo or Message-ID nope@pec\.example\.it/);
  });

  it('log search filters by msgid, sender, recipient and time', () => {
    const byId = pec('log', 'search', '--msgid', identifier, '--json', '--data', dir);
    assert.equal(byId.status, 0, byId.stderr);
    const entries = JSON.parse(byId.stdout) as { eventType: string; recipients: string[] }[];
    assert.deepEqual(
      entries.map((e) => e.eventType),
      [
        'pec.acceptance.issued',
        'pec.envelope.created',
        'pec.envelope.delivered',
        'pec.delivery-receipt.issued',
        'pec.envelope.delivered',
        'pec.delivery-receipt.issued',
      ],
    );
    const toLuca = pec('log', 'search', '--to', luca.toUpperCase(), '--from', mario, '--json', '--data', dir);
    assert.equal((JSON.parse(toLuca.stdout) as unknown[]).length, 4);
    const future = pec(
      'log',
      'search',
      '--since',
      new Date(Date.now() + 3_600_000).toISOString(),
      '--data',
      dir,
    );
    assert.equal(future.status, 0, future.stderr);
    assert.equal(future.stdout, 'pec: no log entries match\n');
    const text = pec('log', 'search', '--msgid', identifier, '--limit', '1', '--data', dir);
    assert.match(
      text.stdout,
      new RegExp(`^1 \\S+ pec\\.acceptance\\.issued ${identifier.replaceAll('.', '\\.')} ${mario} -> `),
    );
    assert.equal(text.stdout.trim().split('\n').length, 1);
    const bad = pec('log', 'search', '--since', 'yesterday-ish', '--data', dir);
    assert.notEqual(bad.status, 0);
  });

  it('log verify: exit 0 on the intact chain, exit 1 once an entry is altered', () => {
    const ok = pec('log', 'verify', '--data', dir);
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(ok.stdout, 'log chain OK: 6 entries verified\n');
    const db = new BetterSqlite3(databaseFile);
    try {
      db.exec('drop trigger if exists legal_log_append_only');
      db.prepare("update legal_log set subject = 'altered' where seq = 3").run();
    } finally {
      db.close();
    }
    const broken = pec('log', 'verify', '--data', dir);
    assert.equal(broken.status, 1);
    assert.match(broken.stdout, /^log chain BROKEN at entry 3 /);
  });
});
