// The clamd adapter against a private clamd (test/support/clamd-harness.ts) whose only signature is
// EICAR: plain, in a MIME attachment, inside a signed PEC transport envelope; clean mail; chunking;
// size limit; health; and clamd going away (fail closed). Skips when clamd is not installed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  buildTransportEnvelope,
  createDevelopmentPki,
  createSoftwareSigner,
  deriveOriginalFacts,
  signPecMessage,
  type Signer,
} from '@pec/core';
import {
  clamdSkipReason,
  eicarSignatureName,
  eicarTestFile,
  startClamd,
  type ClamdHarness,
} from '../../../test/support/clamd-harness.ts';
import { ClamdError } from './clamd-error.ts';
import { createClamdScanner, type ClamdScanner } from './create-clamd-scanner.ts';

const crlf = (lines: readonly string[]): Buffer => Buffer.from(lines.join('\r\n'), 'latin1');
const base64Lines = (bytes: Buffer): string[] => bytes.toString('base64').match(/.{1,76}/g) ?? [];

function plainMessage(body: string): Buffer {
  return crlf([
    'From: Mario Rossi <mario.rossi@pec.example.it>',
    'To: ufficio@pec.example.org',
    'Subject: prova',
    'Date: Sun, 22 Nov 2026 10:00:00 +0100',
    'Message-ID: <plain.1@client.example>',
    '',
    body,
    '',
  ]);
}

function messageWithAttachment(attachment: Buffer, name: string): Buffer {
  return crlf([
    'From: Mario Rossi <mario.rossi@pec.example.it>',
    'To: ufficio@pec.example.org',
    'Subject: allegato',
    'Date: Sun, 22 Nov 2026 10:00:00 +0100',
    'Message-ID: <attach.1@client.example>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'In allegato il documento.',
    '--b1',
    `Content-Type: application/octet-stream; name="${name}"`,
    `Content-Disposition: attachment; filename="${name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    ...base64Lines(attachment),
    '--b1--',
    '',
  ]);
}

async function signedEnvelope(signer: Signer, original: Buffer): Promise<Uint8Array> {
  const acceptedAt = new Date('2026-11-22T09:00:01Z');
  const envelope = buildTransportEnvelope({
    provider: { name: 'Example PEC S.p.A.', domain: 'pec.example.it' },
    acceptedAt,
    identifier: 'opec-test.20261122100001.1@pec.example.it',
    original,
    facts: deriveOriginalFacts(original, () => 'certificato'),
  });
  return signPecMessage(envelope, signer, acceptedAt);
}

describe('createClamdScanner against a private clamd', { skip: clamdSkipReason() ?? false }, () => {
  let clamd: ClamdHarness;
  let scanner: ClamdScanner;
  let signer: Signer;
  const expectedSignature = new RegExp(`^${eicarSignatureName}`);

  before(async () => {
    clamd = await startClamd({ streamMaxLength: 20 * 1024 * 1024 });
    scanner = createClamdScanner({ host: clamd.host, port: clamd.port, timeoutMs: 30_000 });
    const pki = await createDevelopmentPki({
      domain: 'pec.example.it',
      providerName: 'Example PEC S.p.A.',
      now: new Date('2026-11-22T08:00:00Z'),
    });
    signer = await createSoftwareSigner({
      certificate: pki.signingCertificate,
      privateKey: pki.signingPrivateKey,
    });
  });
  after(() => clamd.stop());

  it('starts, answers PING and reports its version', async (t) => {
    t.diagnostic(`clamd start-up (spawn to first PONG): ${clamd.startupMs.toFixed(0)} ms`);
    await scanner.ping();
    const version = await scanner.checkHealth();
    assert.match(version.engine, /^\d+\.\d+/);
    assert.equal(version.databaseVersion, undefined, 'only the local test database is loaded');
  });

  it('detects the EICAR test file on its own', async () => {
    const result = await scanner.scan(eicarTestFile());
    assert.equal(result.infected, true);
    assert.match(result.signature ?? '', expectedSignature);
  });

  it('detects EICAR in the text of a plain message', async () => {
    const result = await scanner.scan(plainMessage(eicarTestFile().toString('latin1')));
    assert.equal(result.infected, true);
  });

  it('detects EICAR inside a base64 attachment (clamd decodes MIME)', async () => {
    const message = messageWithAttachment(eicarTestFile(), 'eicar.com');
    assert.equal(message.includes(eicarTestFile()), false, 'the raw bytes must not contain it');
    const result = await scanner.scan(message);
    assert.equal(result.infected, true);
    assert.match(result.signature ?? '', expectedSignature);
  });

  it('detects EICAR in postacert.eml of a signed transport envelope', async () => {
    const envelope = await signedEnvelope(signer, messageWithAttachment(eicarTestFile(), 'eicar.com'));
    const text = Buffer.from(envelope).toString('latin1');
    assert.match(text, /multipart\/signed/);
    assert.match(text, /postacert\.eml/);
    assert.equal(Buffer.from(envelope).includes(eicarTestFile()), false);
    const result = await scanner.scan(envelope);
    assert.equal(result.infected, true);
    assert.match(result.signature ?? '', expectedSignature);
  });

  it('passes clean messages, including a signed transport envelope with an attachment', async () => {
    const pdfLike = Buffer.from('%PDF-1.4\n% synthetic document\n'.repeat(200));
    const clean = [
      plainMessage('Buongiorno, nessun allegato.'),
      messageWithAttachment(pdfLike, 'contratto.pdf'),
      Buffer.from(await signedEnvelope(signer, messageWithAttachment(pdfLike, 'contratto.pdf'))),
      Buffer.alloc(0),
    ];
    for (const message of clean) assert.deepEqual(await scanner.scan(message), { infected: false });
  });

  it('streams a large clean message across many chunks', async (t) => {
    const size = 12 * 1024 * 1024;
    const large = Buffer.alloc(size, 'abcdefghijklmnopqrstuvwxyz0123456789\r\n');
    const chunked = createClamdScanner({ host: clamd.host, port: clamd.port, chunkBytes: 16 * 1024 });
    const started = performance.now();
    assert.deepEqual(await chunked.scan(large), { infected: false });
    t.diagnostic(`12 MiB clean in 768 chunks: ${(performance.now() - started).toFixed(0)} ms`);
  });

  it('finds EICAR at the very end of a large message split across chunk borders', async () => {
    const large = Buffer.concat([Buffer.alloc(3 * 1024 * 1024 + 17, 'x'), eicarTestFile()]);
    const chunked = createClamdScanner({ host: clamd.host, port: clamd.port, chunkBytes: 4093 });
    assert.equal((await chunked.scan(large)).infected, true);
  });

  it('treats a message over clamd StreamMaxLength as an error, never clean', async () => {
    const tooLarge = Buffer.alloc(clamd.streamMaxLength + 1024 * 1024, 'a');
    await assert.rejects(scanner.scan(tooLarge), (error: unknown) => {
      assert.ok(error instanceof ClamdError);
      // clamd answers "INSTREAM size limit exceeded" and closes; a reset may hide the reply.
      assert.ok(['size-limit', 'unavailable'].includes(error.reason), `${error.reason}: ${error.message}`);
      return true;
    });
    // clamd keeps serving afterwards.
    assert.deepEqual(await scanner.scan(plainMessage('ancora qui')), { infected: false });
  });

  it('refuses a message over maxStreamBytes without contacting clamd', async () => {
    const limited = createClamdScanner({ host: clamd.host, port: 1, maxStreamBytes: 10 });
    await assert.rejects(limited.scan(Buffer.alloc(11)), { name: 'ClamdError', reason: 'size-limit' });
  });

  it('speaks the same protocol over the Unix socket', async () => {
    const local = createClamdScanner({ socket: clamd.socket });
    await local.ping();
    assert.equal((await local.scan(eicarTestFile())).infected, true);
    assert.deepEqual(await local.scan(plainMessage('pulito')), { infected: false });
  });

  it('answers concurrent scans each with its own verdict', async () => {
    const inputs = Array.from({ length: 16 }, (_, i) =>
      i % 2 === 0 ? plainMessage(`messaggio ${i}`) : messageWithAttachment(eicarTestFile(), `e${i}.com`),
    );
    const results = await Promise.all(inputs.map((bytes) => scanner.scan(bytes)));
    assert.deepEqual(
      results.map((r) => r.infected),
      inputs.map((_, i) => i % 2 === 1),
    );
  });

  it('times out on a hung clamd (SIGSTOP) and recovers when it resumes', async () => {
    const impatient = createClamdScanner({ host: clamd.host, port: clamd.port, timeoutMs: 500 });
    clamd.signal('SIGSTOP');
    try {
      const started = performance.now();
      await assert.rejects(impatient.scan(eicarTestFile()), { name: 'ClamdError', reason: 'timeout' });
      const elapsed = performance.now() - started;
      assert.ok(elapsed >= 490 && elapsed < 5000, `took ${elapsed} ms`);
    } finally {
      clamd.signal('SIGCONT');
    }
    assert.equal((await impatient.scan(eicarTestFile())).infected, true);
  });

  // Last: stops clamd.
  it('fails closed once clamd is down: scan and health throw unavailable', async () => {
    await clamd.stop();
    await assert.rejects(scanner.scan(plainMessage('clamd spento')), {
      name: 'ClamdError',
      reason: 'unavailable',
    });
    await assert.rejects(scanner.checkHealth(), { name: 'ClamdError', reason: 'unavailable' });
    await assert.rejects(createClamdScanner({ socket: clamd.socket }).scan(eicarTestFile()), {
      name: 'ClamdError',
      reason: 'unavailable',
    });
  });
});

describe(
  'createClamdScanner when clamd skips content over its limits',
  { skip: clamdSkipReason() ?? false },
  () => {
    let clamd: ClamdHarness;
    before(async () => {
      // MaxFileSize below the message: clamd would answer OK for what it skipped without AlertExceedsMax.
      clamd = await startClamd({
        settings: { MaxFileSize: '1M', MaxScanSize: '2M', AlertExceedsMax: 'yes' },
      });
    });
    after(() => clamd.stop());

    it('reports size-limit, never clean, for a message it could not scan whole', async () => {
      const scanner = createClamdScanner({ host: clamd.host, port: clamd.port });
      const hidden = Buffer.concat([Buffer.alloc(1536 * 1024, 'a'), eicarTestFile()]);
      await assert.rejects(scanner.scan(hidden), { name: 'ClamdError', reason: 'size-limit' });
      assert.deepEqual(await scanner.scan(Buffer.alloc(512 * 1024, 'a')), { infected: false });
    });
  },
);
