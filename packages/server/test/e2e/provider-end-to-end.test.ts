/**
 * A whole provider driven from outside, as a person would. `pec init`, two
 * mailboxes, `pec serve`, one PEC with an attachment sent by Python's smtplib (STARTTLS + AUTH,
 * trusting DIR/certs/ca.pem) To the second mailbox and Cc the first (the sender); then, from
 * `pec mailbox export`: every generated message verifies with `openssl smime -verify`, every
 * daticert is valid against the DTD (`xmllint --dtdvalid`), `pec inspect` classifies each one, and
 * the transport envelope is byte-identical in both INBOXes (pec-spec §2.2, §2.4, §3.1, §3.2, §3.5).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { findParts, parseMimeTree, readBodyBytes } from '@pec/core';
import { repoRoot } from '../pec-samples-dir.ts';
import { pecOk, runPec } from './run-pec.ts';
import { sendWithSmtplib } from './send-with-smtplib.ts';
import { startServeProcess } from './serve-process.ts';
import type { ServeProcess } from './serve-process.ts';

const run = promisify(execFile);
const domain = 'pec.e2e.localhost';
const first = `mario.rossi@${domain}`;
const second = `anna.bianchi@${domain}`;
const passwords = { [first]: 'Password-Mario-1', [second]: 'Password-Anna-2' };
const dtd = join(repoRoot, 'packages/core/src/pec/daticert/daticert.dtd');

interface IndexEntry {
  readonly file: string;
  readonly folder: string;
  readonly uid: number;
  readonly flags: readonly string[];
  readonly internalDate: string;
  readonly type: string;
}

interface Exported {
  readonly dir: string;
  readonly index: readonly IndexEntry[];
  bytes(entry: IndexEntry): Promise<Buffer>;
}

async function exportMailbox(dataDir: string, address: string, outDir: string): Promise<Exported> {
  await pecOk(['mailbox', 'export', address, '--out', outDir, '--data', dataDir]);
  const index = JSON.parse(await readFile(join(outDir, 'index.json'), 'utf8')) as IndexEntry[];
  return { dir: outDir, index, bytes: (entry) => readFile(join(outDir, entry.file)) };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The bytes of the part named `filename`, searched through nested messages too. */
function partNamed(raw: Uint8Array, filename: string): Uint8Array | undefined {
  const [part] = findParts(parseMimeTree(raw), (node) => node.filename === filename);
  return part === undefined ? undefined : readBodyBytes(raw, part);
}

describe('provider end to end: init, mailboxes, serve, submit, deliver, verify', { timeout: 240_000 }, () => {
  let work: string;
  let dataDir: string;
  let caFile: string;
  let server: ServeProcess | undefined;
  /** What the HTTP listener (`ports.http`) answered while the provider was serving. */
  let operations: { url: string | undefined; readyz: number; metrics: string } | undefined;
  let attachment: Buffer;
  let identifier: string;
  let firstBox: Exported;
  let secondBox: Exported;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'pec-e2e-'));
    dataDir = join(work, 'data');
    caFile = join(dataDir, 'certs', 'ca.pem');
    const ports = ['smtp', 'submission', 'submissions', 'imap', 'imaps', 'pop3', 'pop3s', 'http'].flatMap(
      (name) => [`--${name}-port`, '0'],
    );
    await pecOk(['init', '--domain', domain, '--provider-name', 'E2E PEC', '--data', dataDir, ...ports]);
    for (const [address, password] of Object.entries(passwords)) {
      await pecOk(['mailbox', 'add', address, '--password', password, '--data', dataDir]);
    }
    server = await startServeProcess(dataDir);

    attachment = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(30_000), Buffer.from('\n%%EOF\n')]);
    const attachmentPath = join(work, 'contratto.pdf');
    await writeFile(attachmentPath, attachment);
    const [reply] = await sendWithSmtplib({
      host: '127.0.0.1',
      port: server.submissionPort,
      caFile,
      user: first,
      password: passwords[first],
      messages: [
        {
          from: first,
          to: [second],
          cc: [first],
          subject: 'Contratto di fornitura 2026/17',
          body: 'Buongiorno,\nin allegato il contratto firmato.\n',
          attachment: { path: attachmentPath, filename: 'contratto.pdf', mime: 'application/pdf' },
        },
      ],
    });
    assert.equal(reply?.code, 250, reply?.text);
    const match = /Accepted as PEC message (\S+?);/.exec(reply.text);
    assert.ok(match?.[1] !== undefined, reply.text);
    identifier = match[1];

    // Delivered to both, receipts included, as `pec message status` reports.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const status = JSON.parse(
        await pecOk(['message', 'status', identifier, '--json', '--data', dataDir]),
      ) as {
        recipients: { address: string; status: string }[];
      };
      if (status.recipients.length === 2 && status.recipients.every((r) => r.status === 'delivered')) break;
      assert.ok(
        Date.now() < deadline,
        `not delivered in time: ${JSON.stringify(status)}\n${server.output()}`,
      );
      await new Promise((r) => setTimeout(r, 300));
    }
    const url = /pec: health (http:\/\/\S+)\/healthz/.exec(server.output())?.[1];
    operations = {
      url,
      readyz: url === undefined ? 0 : (await fetch(`${url}/readyz`)).status,
      metrics: url === undefined ? '' : await (await fetch(`${url}/metrics`)).text(),
    };
    assert.equal(await server.stop(), 0, server.output());
    assert.match(server.output(), /pec: stopped/);
    server = undefined;
    firstBox = await exportMailbox(dataDir, first, join(work, 'export-first'));
    secondBox = await exportMailbox(dataDir, second, join(work, 'export-second'));
  });

  after(async () => {
    await server?.kill9();
    await rm(work, { recursive: true, force: true });
  });

  const inFolder = (box: Exported, folder: string, type?: string) =>
    box.index.filter((e) => e.folder === folder && (type === undefined || e.type === type));

  /** Everything in both INBOXes: all of it generated and signed by the provider. */
  const generatedMessages = () => [
    ...inFolder(firstBox, 'INBOX').map((e) => ({ box: firstBox, e })),
    ...inFolder(secondBox, 'INBOX').map((e) => ({ box: secondBox, e })),
  ];

  it('puts the acceptance receipt, the envelope (as Cc) and two delivery receipts in the sender INBOX', () => {
    assert.equal(inFolder(firstBox, 'INBOX', 'accettazione').length, 1);
    assert.equal(inFolder(firstBox, 'INBOX', 'posta-certificata').length, 1);
    assert.equal(inFolder(firstBox, 'INBOX', 'avvenuta-consegna').length, 2);
    assert.equal(inFolder(firstBox, 'INBOX').length, 4, JSON.stringify(firstBox.index));
    assert.equal(inFolder(firstBox, 'Sent').length, 1);
  });

  it('puts exactly the envelope in the recipient INBOX', () => {
    assert.deepEqual(
      inFolder(secondBox, 'INBOX').map((e) => e.type),
      ['posta-certificata'],
    );
  });

  it('stores the same envelope bytes in both INBOXes, carrying the attachment unchanged', async () => {
    const [mine] = inFolder(firstBox, 'INBOX', 'posta-certificata');
    const [theirs] = inFolder(secondBox, 'INBOX', 'posta-certificata');
    assert.ok(mine !== undefined && theirs !== undefined);
    const a = await firstBox.bytes(mine);
    const b = await secondBox.bytes(theirs);
    assert.equal(sha256(a), sha256(b));
    assert.deepEqual(Buffer.from(partNamed(b, 'contratto.pdf') ?? []), attachment);
  });

  it('every generated message verifies with openssl smime against DIR/certs/ca.pem', async () => {
    const generated = generatedMessages();
    assert.equal(generated.length, 5);
    for (const { box, e: entry } of generated) {
      const file = join(box.dir, entry.file);
      const { stderr } = await run('openssl', [
        'smime',
        '-verify',
        '-in',
        file,
        '-CAfile',
        caFile,
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ]);
      assert.match(stderr, /Verification successful/, `${entry.type} ${entry.file}`);
    }
  });

  it('every daticert is valid against the DTD', async () => {
    const generated = generatedMessages();
    for (const [n, { box, e }] of generated.entries()) {
      const xml = partNamed(await box.bytes(e), 'daticert.xml');
      assert.ok(xml !== undefined, `${e.type}: no daticert.xml`);
      const file = join(work, `daticert-${n}.xml`);
      await writeFile(file, xml);
      await run('xmllint', ['--noout', '--dtdvalid', dtd, file]);
    }
  });

  it('pec inspect classifies each message, with valid signatures and the identifier', async () => {
    const expected = new Map<string, number>();
    const generated = generatedMessages();
    const deliveredTo: string[] = [];
    for (const { box, e } of generated) {
      const json = JSON.parse(await pecOk(['inspect', join(box.dir, e.file), '--json'])) as {
        type: string;
        identificativo: string | null;
        signature: { valid: boolean; signer: { email: string | null } | null };
        daticert: { type?: string; identifier?: string; delivery?: string } | null;
      };
      assert.equal(json.type, e.type);
      assert.equal(json.signature.valid, true, e.file);
      assert.equal(json.signature.signer?.email, `posta-certificata@${domain}`);
      assert.equal(json.daticert?.identifier, identifier, `${e.type}: daticert identificativo`);
      if (json.type === 'avvenuta-consegna') deliveredTo.push(json.daticert.delivery ?? '');
      expected.set(json.type, (expected.get(json.type) ?? 0) + 1);
    }
    assert.deepEqual(Object.fromEntries(expected), {
      accettazione: 1,
      'posta-certificata': 2,
      'avvenuta-consegna': 2,
    });
    assert.deepEqual(deliveredTo.sort(), [second, first].sort());
  });

  it('pec serve prints its HTTP URLs and answers /readyz and /metrics there (ports.http)', () => {
    assert.ok(operations?.url !== undefined, 'no HTTP URL in the banner');
    assert.equal(operations.readyz, 200);
    const { metrics } = operations;
    assert.match(metrics, /^pec_submissions_total\{outcome="accepted",reason=""\} 1$/m);
    assert.match(metrics, /^pec_process_cpu_seconds_total /m);
  });

  it('refuses pec serve on a data folder without configuration, pointing to pec init', async () => {
    const result = await runPec(['serve', '--data', join(work, 'nothing-here')]);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /pec init/);
  });
});
