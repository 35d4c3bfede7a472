/**
 * `pec quarantine` (pec-spec §2.1, §3.8; DPR 68/2005 art. 12) as a child process: detections put in
 * the shared quarantine are listed newest first and filtered, shown, exported byte-exact; release
 * and early deletion are refused naming the rule; the purge removes only what is past retention.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { initProvider } from '../../src/app/init-provider.ts';
import { openProvider } from '../../src/app/open-provider.ts';
import type { QuarantineRecord } from '../../src/ports/quarantine-store.ts';
import { createSharedQuarantine } from '../../src/services/quarantine/create-shared-quarantine.ts';
import { pecOk, runPec } from '../e2e/run-pec.ts';

const env = { ...process.env, PEC_DATA: '' };
const eicar = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

describe('pec quarantine: list, show, export, refusals by rule, purge', () => {
  let root = '';
  let data = '';
  let old: QuarantineRecord;
  let recent: QuarantineRecord;
  const oldBytes = Buffer.from(`From: z@example.com\r\nSubject: old\r\n\r\n${eicar}\r\n`);
  const recentBytes = Buffer.from(`From: a@example.com\r\nSubject: recent\r\n\r\n${eicar}\r\n`);

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'pec-cli-quarantine-'));
    data = join(root, 'data');
    await initProvider({ dataDir: data, domain: 'pec.example.it' });
    const ctx = await openProvider({ dataDir: data });
    try {
      const quarantine = createSharedQuarantine({
        records: ctx.storage.quarantine,
        blobs: ctx.blobs,
        isBlobReferenced: (key) => ctx.storage.mailboxes.isBlobReferenced(key),
        retentionMonths: 30,
        clock: ctx.clock,
      });
      old = await quarantine.put(oldBytes, {
        point: 'reception',
        signature: 'Eicar-Signature',
        sender: 'z@altro.example.it',
        recipients: ['mario.rossi@pec.example.it'],
        detectedAt: new Date('2020-01-15T10:00:00.000Z'),
      });
      recent = await quarantine.put(recentBytes, {
        point: 'access',
        signature: 'Win.Test.EICAR_HDB-1',
        sender: 'anna.bianchi@pec.example.it',
        recipients: ['info@studio.example'],
        identifier: 'opec1@pec.example.it',
      });
    } finally {
      await ctx.close();
    }
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('lists newest first, filters by point and address, shows one record', async () => {
    const all = await pecOk(['quarantine', 'list', '--data', data], env);
    const lines = all.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.ok(lines[0]?.startsWith(`${recent.id}  `), all);
    assert.match(
      lines[0] ?? '',
      /access {2}Win\.Test\.EICAR_HDB-1 {2}anna\.bianchi@pec\.example\.it -> info@studio\.example {2}opec1@pec\.example\.it {2}kept until /,
    );
    assert.ok(lines[1]?.startsWith(`${old.id}  `), all);
    const json = JSON.parse(
      await pecOk(['quarantine', 'list', '--point', 'reception', '--json', '--data', data], env),
    ) as { records: QuarantineRecord[]; total: number };
    assert.deepEqual(
      json.records.map((r) => r.id),
      [old.id],
    );
    const byAddress = await pecOk(
      ['quarantine', 'list', '--address', 'INFO@studio.example', '--data', data],
      env,
    );
    assert.equal(byAddress.trimEnd().split('\n').length, 1);
    const none = await pecOk(['quarantine', 'list', '--address', 'nobody@example.com', '--data', data], env);
    assert.equal(none, 'pec: the quarantine holds no such message\n');
    const bad = await runPec(['quarantine', 'list', '--point', 'mx', '--data', data], env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--point must be one of access, reception/);
    assert.deepEqual(JSON.parse(await pecOk(['quarantine', 'show', recent.id, '--data', data], env)), recent);
  });

  it('exports the message byte-exact', async () => {
    const out = join(root, 'infected.eml');
    const result = await pecOk(['quarantine', 'export', recent.id, '--out', out, '--data', data], env);
    assert.match(result, new RegExp(`SHA-256 ${recent.sha256}`));
    assert.deepEqual(await readFile(out), recentBytes);
    const missing = await runPec(['quarantine', 'export', 'nope', '--out', out, '--data', data], env);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, 'pec: no quarantine record nope\n');
  });

  it('refuses release and early deletion by rule; the purge removes only the expired detection', async () => {
    const release = await runPec(['quarantine', 'release', recent.id, '--data', data], env);
    assert.equal(release.code, 1);
    assert.match(release.stderr, /an infected message is never delivered \(pec-spec §2\.1/);
    const remove = await runPec(['quarantine', 'delete', recent.id, '--data', data], env);
    assert.equal(remove.code, 1);
    assert.match(remove.stderr, new RegExp(`kept until ${recent.retainUntil} \\(30 months from detection`));
    const expired = await runPec(['quarantine', 'delete', old.id, '--data', data], env);
    assert.match(expired.stderr, /past its retention since 2022-07-15T10:00:00\.000Z/);
    assert.equal(
      await pecOk(['quarantine', 'purge', '--data', data], env),
      'pec: purged 1 records and 1 messages; 1 records kept\n',
    );
    const left = await pecOk(['quarantine', 'list', '--data', data], env);
    assert.ok(left.startsWith(recent.id) && !left.includes(old.id), left);
  });
});
