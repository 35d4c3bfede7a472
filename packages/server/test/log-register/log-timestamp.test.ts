/**
 * The daily RFC 3161 seal of the log register (pec-spec §6.4, §8.5) with a local TSA (`openssl ts
 * -reply` behind a node:http server): each day's chain head is stamped once and the token verifies;
 * the real `pec log verify` checks chain and tokens and, once an entry is altered, names its day.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { verifyTimeStampToken } from '@pec/core';
import { initProvider } from '../../src/app/init-provider.ts';
import { openProvider } from '../../src/app/open-provider.ts';
import { createHttpTimeStampAuthority } from '../../src/http-clients/create-http-time-stamp-authority.ts';
import type { NewLegalLogEntry } from '../../src/ports/legal-log.ts';
import { dayToStamp } from '../../src/services/log-register/create-log-timestamper.ts';
import { italianDayEnd, italianDayOf, italianDayStart } from '../../src/services/log-register/log-days.ts';
import { timestampLogDay } from '../../src/services/log-register/timestamp-log-day.ts';
import { verifyLogWithTimestamps } from '../../src/services/log-register/verify-log-timestamps.ts';
import { repoRoot } from '../pec-samples-dir.ts';
import { createOpensslCa, type IssuedCertificate, type OpensslCa } from '../support/openssl-ca.ts';

const pec = (...args: string[]) =>
  spawnSync(process.execPath, [join(repoRoot, 'packages/server/bin/pec.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, PEC_DATA: '' },
  });

const days = ['2026-03-08', '2026-03-09', '2026-03-10'];
const clock = { now: () => new Date('2026-03-11T12:00:00.000Z') };

function event(at: string, i: number): NewLegalLogEntry {
  return {
    at: new Date(at),
    eventType: 'pec.acceptance.issued',
    msgid: `opec${i}@pec.example.it`,
    sender: 'mario.rossi@pec.example.it',
    recipients: ['anna.bianchi@pec.example.it'],
    subject: `Pratica ${i}`,
    relatedMsgids: [],
    sendingProvider: null,
  };
}

describe('log register: Italian days', () => {
  it('starts days at Italian midnight, across the DST change', () => {
    assert.equal(italianDayStart('2026-03-10').toISOString(), '2026-03-09T23:00:00.000Z');
    assert.equal(italianDayEnd('2026-03-28').toISOString(), '2026-03-28T23:00:00.000Z');
    assert.equal(italianDayEnd('2026-03-29').toISOString(), '2026-03-29T22:00:00.000Z');
    assert.equal(italianDayOf(new Date('2026-03-09T23:30:00Z')), '2026-03-10');
    assert.equal(dayToStamp(new Date('2026-03-10T23:05:00Z'), 10 * 60_000), '2026-03-09');
    assert.equal(dayToStamp(new Date('2026-03-10T23:15:00Z'), 10 * 60_000), '2026-03-10');
  });
});

describe('log register: daily RFC 3161 time stamps with a local TSA', () => {
  let ca: OpensslCa;
  let tsa: IssuedCertificate;
  let tsaUrl = '';
  let dir = '';
  let databaseFile = '';

  before(async () => {
    ca = await createOpensslCa();
    tsa = await ca.issue({ commonName: 'Test TSA', timeStamping: true });
    tsaUrl = await ca.startTimeStampAuthority(tsa);
    dir = await mkdtemp(join(tmpdir(), 'pec-log-timestamp-'));
    await initProvider({ dataDir: dir, domain: 'pec.example.it', providerName: 'Example PEC S.p.A.' });
    await writeFile(join(dir, 'tsa.pem'), tsa.certificatePem);
    const configFile = join(dir, 'pec.config.json');
    const config = JSON.parse(await readFile(configFile, 'utf8')) as Record<string, unknown>;
    config['logTimestamp'] = { tsaUrl, tsaCertificateFile: 'tsa.pem' };
    await writeFile(configFile, JSON.stringify(config, null, 2));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
    await ca.close();
  });

  it("stamps each day's chain head once; the token verifies against the TSA certificate", async () => {
    const ctx = await openProvider({ dataDir: dir });
    try {
      databaseFile = ctx.config.config.storage.sqliteFile;
      const log = ctx.storage.legalLog;
      let i = 0;
      const heads: string[] = [];
      for (const day of days) {
        const start = italianDayStart(day).getTime();
        await log.append(event(new Date(start + 3_600_000).toISOString(), ++i));
        heads.push((await log.append(event(new Date(start + 20 * 3_600_000).toISOString(), ++i))).hash);
      }
      const deps = {
        timestamps: ctx.storage.logTimestamps,
        tsa: createHttpTimeStampAuthority(tsaUrl, { timeoutMs: 10_000 }),
        tsaCertificate: tsa.der,
        clock,
      };
      for (const [n, day] of days.entries()) {
        const stamp = await timestampLogDay(deps, day);
        assert.equal(stamp.day, day);
        assert.equal(stamp.throughSeq, 2 * (n + 1));
        assert.equal(stamp.headHash, heads[n]);
        const check = await verifyTimeStampToken(stamp.token, Buffer.from(heads[n]!, 'hex'), tsa.der);
        assert.deepEqual(check.errors, []);
        // The imprint is the head: another digest does not verify.
        const other = await verifyTimeStampToken(stamp.token, Buffer.alloc(32), tsa.der);
        assert.equal(other.valid, false);
      }
      // Idempotent: the stored token is returned, not a new one.
      const again = await timestampLogDay(deps, days[0]!);
      assert.deepEqual(again, await ctx.storage.logTimestamps.get(days[0]!));
      await assert.rejects(timestampLogDay(deps, '2026-03-11'), /not over/);
      // Checked against another certificate, the first token's day fails.
      const wrong = await verifyLogWithTimestamps({
        legalLog: log,
        timestamps: ctx.storage.logTimestamps,
        tsaCertificate: ca.caDer,
      });
      assert.equal(wrong.ok, false);
      assert.equal(wrong.firstFailure?.day, days[0]);
    } finally {
      await ctx.close();
    }
  });

  it('pec log verify: exit 0 with chain and tokens intact, exit 1 naming the day of an altered entry', () => {
    const ok = pec('log', 'verify', '--data', dir);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.equal(ok.stdout, 'log chain OK: 6 entries verified\ndaily time stamps OK: 3 days\n');
    const db = new BetterSqlite3(databaseFile);
    try {
      db.exec('drop trigger if exists legal_log_append_only');
      // Entry 3 is the first of 2026-03-09.
      db.prepare("update legal_log set subject = 'altered' where seq = 3").run();
    } finally {
      db.close();
    }
    const broken = pec('log', 'verify', '--data', dir);
    assert.equal(broken.status, 1);
    assert.match(broken.stdout, /^log chain BROKEN at entry 3 /);
    assert.match(broken.stdout, /first failing day: 2026-03-09: log entry 3 does not verify/);
  });
});
