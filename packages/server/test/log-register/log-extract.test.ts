/**
 * The log extract (pec-spec §6.4, §8.5; decision 0022) through the real `pec log extract`: a
 * message's entries over three days, sealed by a local TSA (`openssl ts -reply`). The test recomputes
 * every entry hash from the published encoding on its own, follows the links to each sealed head,
 * checks each token against that head with `openssl ts -verify`, and the signed PDF with `openssl cms
 * -verify` and `openssl smime -verify`; other holders' entries appear as links only. A period
 * extract of one mailbox, and an altered entry that makes the extract fail, complete it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { initProvider } from '../../src/app/init-provider.ts';
import { openProvider } from '../../src/app/open-provider.ts';
import { createHttpTimeStampAuthority } from '../../src/http-clients/create-http-time-stamp-authority.ts';
import type { NewLegalLogEntry } from '../../src/ports/legal-log.ts';
import type { LogExtract } from '../../src/services/log-register/extract-log.ts';
import { italianDayStart } from '../../src/services/log-register/log-days.ts';
import { timestampLogDay } from '../../src/services/log-register/timestamp-log-day.ts';
import { repoRoot } from '../pec-samples-dir.ts';
import { createOpensslCa, type IssuedCertificate, type OpensslCa } from '../support/openssl-ca.ts';

const pec = (...args: string[]) =>
  spawnSync(process.execPath, [join(repoRoot, 'packages/server/bin/pec.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, PEC_DATA: '' },
  });

const openssl = (...args: string[]) => spawnSync('openssl', args, { encoding: 'utf8' });

const days = ['2026-03-08', '2026-03-09', '2026-03-10'];
const clock = { now: () => new Date('2026-03-11T12:00:00.000Z') };
const mario = 'mario.rossi@pec.example.it';
const identificativo = 'opec210.20260308100000.1234.01.1.1@pec.example.it';
const clientMessageId = 'client-1@studio.example';

function at(day: string, hours: number): Date {
  return new Date(italianDayStart(day).getTime() + hours * 3_600_000);
}

function entry(when: Date, fields: Partial<NewLegalLogEntry>): NewLegalLogEntry {
  return {
    at: when,
    eventType: 'pec.acceptance.issued',
    msgid: 'other@pec.example.it',
    sender: 'anna.bianchi@pec.example.it',
    recipients: ['luca.verdi@pec.example.it'],
    subject: 'Altro',
    relatedMsgids: [],
    sendingProvider: null,
    ...fields,
  };
}

/** The published encoding (hashEncoding in the extract), written out again here on purpose. */
function recompute(e: LogExtract['entries'][number]): string {
  const encoded = JSON.stringify([
    'pec-legal-log/1',
    e.seq,
    e.at,
    e.eventType,
    e.msgid,
    e.sender,
    e.recipients,
    e.subject,
    e.relatedMsgids,
    e.sendingProvider,
    e.prevHash,
  ]);
  return createHash('sha256').update(encoded, 'utf8').digest('hex');
}

describe('log extract: entries, chain links and daily RFC 3161 tokens, signed', () => {
  let ca: OpensslCa;
  let tsa: IssuedCertificate;
  let dir = '';
  let messageSeqs: number[] = [];
  let databaseFile = '';

  before(async () => {
    ca = await createOpensslCa();
    tsa = await ca.issue({ commonName: 'Test TSA', timeStamping: true });
    const tsaUrl = await ca.startTimeStampAuthority(tsa);
    dir = await mkdtemp(join(tmpdir(), 'pec-log-extract-'));
    await initProvider({ dataDir: dir, domain: 'pec.example.it', providerName: 'Example PEC S.p.A.' });
    await writeFile(join(dir, 'tsa.pem'), tsa.certificatePem);
    await writeFile(join(dir, 'tsa-ca.pem'), ca.caPem);
    const configFile = join(dir, 'pec.config.json');
    const config = JSON.parse(await readFile(configFile, 'utf8')) as Record<string, unknown>;
    config['logTimestamp'] = { tsaUrl, tsaCertificateFile: 'tsa.pem' };
    await writeFile(configFile, JSON.stringify(config, null, 2));

    const ctx = await openProvider({ dataDir: dir });
    try {
      databaseFile = ctx.config.config.storage.sqliteFile;
      const log = ctx.storage.legalLog;
      const ours = (when: Date, fields: Partial<NewLegalLogEntry>) =>
        log.append(
          entry(when, { sender: mario, recipients: ['info@studio.example'], subject: 'Ricorso', ...fields }),
        );
      await log.append(entry(at(days[0]!, 1), {}));
      const accepted = await ours(at(days[0]!, 10), {
        msgid: identificativo,
        relatedMsgids: ['accettazione-1@pec.example.it', clientMessageId],
      });
      await log.append(entry(at(days[0]!, 11), {}));
      const relayed = await ours(at(days[0]!, 12), {
        eventType: 'pec.envelope.relayed',
        msgid: identificativo,
      });
      await log.append(entry(at(days[0]!, 20), {}));
      await log.append(entry(at(days[1]!, 2), {}));
      const delivered = await ours(at(days[1]!, 9), {
        eventType: 'pec.receipt.received',
        msgid: identificativo,
        sendingProvider: 'Altro Gestore S.p.A.',
      });
      await log.append(entry(at(days[1]!, 22), { sender: 'luca.verdi@pec.example.it', recipients: [mario] }));
      await log.append(entry(at(days[2]!, 5), {}));
      const tsaClient = createHttpTimeStampAuthority(tsaUrl, { timeoutMs: 10_000 });
      for (const day of days) {
        await timestampLogDay(
          { timestamps: ctx.storage.logTimestamps, tsa: tsaClient, tsaCertificate: tsa.der, clock },
          day,
        );
      }
      // Written after the last seal: listed as not yet sealed.
      const late = await ours(new Date('2026-03-11T09:00:00.000Z'), {
        eventType: 'pec.timeout-first-notice.issued',
        msgid: identificativo,
      });
      messageSeqs = [accepted.seq, relayed.seq, delivered.seq, late.seq];
    } finally {
      await ctx.close();
    }
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
    await ca.close();
  });

  it("extracts one message by the client's Message-ID: hashes, links to each sealed head, tokens that openssl verifies", async () => {
    const out = join(dir, 'extract-message');
    const run = pec('log', 'extract', '--message', `<${clientMessageId}>`, '--out', out, '--data', dir);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^pec: 4 entries, 2 daily time stamps, checks passed; 5 files in /);
    const extract = JSON.parse(await readFile(join(out, 'log-extract.json'), 'utf8')) as LogExtract;
    assert.equal(extract.format, 'pec-log-extract/1');
    assert.deepEqual(
      extract.entries.map((e) => e.seq),
      messageSeqs,
    );
    // Nobody else's entry is given with its content.
    assert.ok(extract.entries.every((e) => e.msgid === identificativo));
    for (const e of extract.entries) assert.equal(recompute(e), e.hash, `entry ${e.seq}`);

    assert.deepEqual(
      extract.seals.map((s) => [s.day, s.entrySeqs]),
      [
        [days[0], messageSeqs.slice(0, 2)],
        [days[1], messageSeqs.slice(2, 3)],
        [null, messageSeqs.slice(3)],
      ],
    );
    for (const seal of extract.seals) {
      // Continuous links from the first extracted entry to the head the token stamps.
      assert.equal(seal.links[0]?.seq, seal.fromSeq);
      for (const [i, link] of seal.links.entries()) {
        if (i > 0) assert.equal(link.prevHash, seal.links[i - 1]?.hash);
        const extracted = extract.entries.find((e) => e.seq === link.seq);
        if (extracted !== undefined) assert.equal(extracted.hash, link.hash);
      }
      assert.equal(seal.links.at(-1)?.hash, seal.headHash);
      if (seal.token === null) continue;
      const tokenFile = join(out, seal.token.fileName);
      const verified = openssl(
        'ts',
        '-verify',
        '-digest',
        seal.headHash,
        '-token_in',
        '-in',
        tokenFile,
        '-CAfile',
        join(dir, 'tsa-ca.pem'),
        '-untrusted',
        join(dir, 'tsa.pem'),
      );
      assert.equal(verified.status, 0, verified.stdout + verified.stderr);
      assert.match(verified.stdout, /Verification: OK/);
      // The same token does not verify another head.
      const other = openssl(
        'ts',
        '-verify',
        '-digest',
        '0'.repeat(64),
        '-token_in',
        '-in',
        tokenFile,
        '-CAfile',
        join(dir, 'tsa-ca.pem'),
        '-untrusted',
        join(dir, 'tsa.pem'),
      );
      assert.notEqual(other.status, 0);
    }
    assert.ok(extract.checks.some((c) => c.check === `time stamp, day ${days[0]}` && c.result === 'pass'));

    // The signed PDF: CMS with the PDF inside, verified by both openssl front ends.
    const pdf = await readFile(join(out, 'log-extract.pdf'));
    for (const tool of ['cms', 'smime']) {
      const content = join(out, `${tool}.pdf`);
      const verified = openssl(
        tool,
        '-verify',
        '-inform',
        'DER',
        '-binary',
        '-in',
        join(out, 'log-extract.pdf.p7m'),
        '-CAfile',
        join(dir, 'certs/ca.pem'),
        '-out',
        content,
      );
      assert.equal(verified.status, 0, verified.stderr);
      assert.deepEqual(await readFile(content), pdf);
    }
    // The PDF carries the JSON and the tokens as embedded files.
    const doc = await PDFDocument.load(pdf);
    const tree = doc.catalog
      .lookup(PDFName.of('Names'), PDFDict)
      .lookup(PDFName.of('EmbeddedFiles'), PDFDict)
      .lookup(PDFName.of('Names'), PDFArray)
      .asArray();
    const embedded = tree.flatMap((item) =>
      item instanceof PDFString || item instanceof PDFHexString ? [item.decodeText()] : [],
    );
    assert.deepEqual(embedded.sort(), ['2026-03-08.tst', '2026-03-09.tst', 'log-extract.json']);
  });

  it('extracts a period for one mailbox: its entries as sender or recipient, nothing else', async () => {
    const out = join(dir, 'extract-period');
    const run = pec(
      'log',
      'extract',
      '--from',
      italianDayStart(days[1]!).toISOString(),
      '--to',
      italianDayStart(days[2]!).toISOString(),
      '--mailbox',
      mario,
      '--out',
      out,
      '--data',
      dir,
    );
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const extract = JSON.parse(await readFile(join(out, 'log-extract.json'), 'utf8')) as LogExtract;
    assert.deepEqual(extract.selection, {
      from: italianDayStart(days[1]!).toISOString(),
      to: italianDayStart(days[2]!).toISOString(),
      mailbox: mario,
    });
    assert.deepEqual(
      extract.entries.map((e) => [e.eventType, e.sender]),
      [
        ['pec.receipt.received', mario],
        ['pec.acceptance.issued', 'luca.verdi@pec.example.it'],
      ],
    );
    assert.deepEqual(
      extract.seals.map((s) => s.day),
      [days[1]],
    );
    assert.ok(existsSync(join(out, `tokens/${days[1]!}.tst`)));
    assert.ok(!existsSync(join(out, `tokens/${days[0]!}.tst`)));
  });

  it('refuses a bad selection, and fails (exit 1) when an extracted entry was altered', () => {
    const both = pec('log', 'extract', '--message', 'x', '--from', '2026-03-08', '--out', dir, '--data', dir);
    assert.equal(both.status, 1);
    assert.match(both.stderr, /either --message or --from/);
    const db = new BetterSqlite3(databaseFile);
    try {
      db.exec('drop trigger if exists legal_log_append_only');
      db.prepare('update legal_log set subject = ? where seq = ?').run('altered', messageSeqs[1]);
    } finally {
      db.close();
    }
    const out = join(dir, 'extract-altered');
    const run = pec('log', 'extract', '--message', identificativo, '--out', out, '--data', dir);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /checks FAILED/);
  });
});
