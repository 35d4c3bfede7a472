/**
 * The PEC routes over real HTTP against a served provider: a PEC submitted over SMTP to a box on
 * the same provider gives the sender a Sent copy, an acceptance and a delivery receipt. The PEC
 * details of each message, the receipts dossier (per recipient, each receipt linked, reached from
 * the Sent copy and from a receipt), the receipts filter of the list, and the evidence pack: every
 * signed file passes `openssl smime -verify`, every daticert.xml `xmllint`, every hash in the report
 * matches, and the envelope is byte-exact the one the recipient holds. Another holder gets 404.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { holders, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';

interface FolderBody {
  id: string;
  name: string;
  specialUse: string | null;
}
interface SummaryBody {
  uid: number;
  subject: string;
  pecType: string;
}
interface LinkBody {
  folderId: string;
  uid: number;
  pecType: string;
}
interface DetailsBody {
  kind: string;
  receiptVariant: string | null;
  signature: {
    present: boolean;
    valid: boolean;
    signer: string | null;
    provider: string | null;
    certificateValidAtSigningTime: boolean | null;
  };
  daticert: {
    type: string;
    sender: string;
    recipients: { address: string; kind: string }[];
    identifier: string;
    day: string;
    time: string;
    zone: string;
    delivery: string | null;
  } | null;
  identifier: string | null;
  sent: { identifier: string } | null;
  proves: LinkBody | null;
}
interface DossierBody {
  identifier: string;
  message: LinkBody;
  recipients: { address: string; status: string; steps: { step: string; receipt: LinkBody | null }[] }[];
  receipts: LinkBody[];
  envelopeAvailable: boolean;
}
interface ReportBody {
  identifier: string;
  files: { name: string; role: string; sha256: string; checks: { check: string; result: string }[] }[];
  allPassed: boolean;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

describe('PEC details, receipts dossier and evidence pack over HTTP', { timeout: 240_000 }, () => {
  let provider: ApiProvider;
  let base = '';
  let mario = '';
  let anna = '';
  let bruno = '';
  let sent: { folderId: string; uid: number };
  let delivery: { folderId: string; uid: number } | undefined;
  let envelope: { folderId: string; uid: number };
  let deliveryAt: { folderId: string; uid: number };

  async function get(path: string, cookie: string): Promise<Response> {
    return fetch(`${base}${path}`, { headers: { cookie } });
  }
  async function json<T>(path: string, cookie: string): Promise<T> {
    const response = await get(path, cookie);
    assert.equal(response.status, 200, `${path}: ${await response.clone().text()}`);
    return (await response.json()) as T;
  }
  async function folderId(cookie: string, specialUse: string): Promise<string> {
    const { folders } = await json<{ folders: FolderBody[] }>('/api/v1/folders', cookie);
    const found = folders.find((f) => f.specialUse === specialUse);
    assert.ok(found !== undefined, specialUse);
    return found.id;
  }
  async function list(
    cookie: string,
    folder: string,
    query = '',
  ): Promise<{ messages: SummaryBody[]; total: number }> {
    return json(`/api/v1/folders/${folder}/messages?sort=date${query}`, cookie);
  }
  const path = (at: { folderId: string; uid: number }, what: string) =>
    `/api/v1/messages/${at.folderId}/${String(at.uid)}/${what}`;

  before(async () => {
    provider = await startApiProvider();
    base = provider.base;
    await provider.deliverPec(holders.mario, holders.anna, 'Atto di citazione', 'Si notifica l’atto.\n');
    mario = await signIn(base, holders.mario);
    anna = await signIn(base, holders.anna);
    bruno = await signIn(base, holders.bruno);
    const inbox = await folderId(mario, 'inbox');
    // The delivery receipt follows the delivery; wait for it, bounded.
    for (let attempt = 0; attempt < 100; attempt++) {
      const page = await list(mario, inbox);
      const receipt = page.messages.find((m) => m.pecType === 'avvenuta-consegna');
      if (receipt !== undefined) {
        delivery = { folderId: inbox, uid: receipt.uid };
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(delivery !== undefined, 'a delivery receipt reached the sender');
    deliveryAt = delivery;
    const sentFolder = await folderId(mario, 'sent');
    const sentPage = await list(mario, sentFolder);
    assert.equal(sentPage.total, 1);
    sent = { folderId: sentFolder, uid: sentPage.messages[0]?.uid ?? 0 };
    const annaInbox = await folderId(anna, 'inbox');
    envelope = { folderId: annaInbox, uid: (await list(anna, annaInbox)).messages[0]?.uid ?? 0 };
  });
  after(async () => {
    await provider.close();
  });

  it('describes the received envelope: signed by this provider, daticert facts', async () => {
    const details = await json<DetailsBody>(path(envelope, 'pec'), anna);
    assert.equal(details.kind, 'posta-certificata');
    assert.equal(details.signature.valid, true);
    assert.equal(details.signature.provider, 'API PEC');
    assert.equal(details.signature.certificateValidAtSigningTime, true);
    assert.match(details.signature.signer ?? '', /\S/);
    assert.equal(details.receiptVariant, 'completa');
    assert.equal(details.daticert?.type, 'posta-certificata');
    assert.equal(details.daticert.sender, holders.mario);
    assert.deepEqual(details.daticert.recipients, [{ address: holders.anna, kind: 'certificato' }]);
    assert.match(
      `${details.daticert.day} ${details.daticert.time} ${details.daticert.zone}`,
      /^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d [+-]\d{4}$/,
    );
    assert.equal(details.sent, null);
  });

  it('links the Sent copy to its dossier and a receipt back to the message it proves', async () => {
    const own = await json<DetailsBody>(path(sent, 'pec'), mario);
    assert.ok(own.sent !== null);
    const receipt = await json<DetailsBody>(path(deliveryAt, 'pec'), mario);
    assert.equal(receipt.kind, 'avvenuta-consegna');
    assert.equal(receipt.signature.valid, true);
    assert.equal(receipt.daticert?.delivery, holders.anna);
    assert.equal(receipt.identifier, own.sent.identifier);
    assert.deepEqual(
      receipt.proves === null ? null : { folderId: receipt.proves.folderId, uid: receipt.proves.uid },
      sent,
    );
  });

  it('builds one timeline per recipient with each receipt one link away, from the message or a receipt', async () => {
    const dossier = await json<DossierBody>(path(sent, 'receipts'), mario);
    assert.equal(dossier.envelopeAvailable, true);
    assert.deepEqual({ folderId: dossier.message.folderId, uid: dossier.message.uid }, sent);
    assert.equal(dossier.recipients.length, 1);
    const [recipient] = dossier.recipients;
    assert.equal(recipient?.address, holders.anna);
    assert.equal(recipient.status, 'delivered');
    assert.deepEqual(
      recipient.steps.map((s) => [s.step, s.receipt?.pecType ?? null]),
      [
        ['accepted', 'accettazione'],
        ['delivered', 'avvenuta-consegna'],
      ],
    );
    assert.deepEqual(
      recipient.steps.map((s) => s.receipt?.uid),
      [dossier.receipts.find((r) => r.pecType === 'accettazione')?.uid, deliveryAt.uid],
    );
    const fromReceipt = await json<DossierBody>(path(deliveryAt, 'receipts'), mario);
    assert.deepEqual(fromReceipt, dossier);
  });

  it('hides receipts from the list on request; they stay in the folder', async () => {
    const inbox = await folderId(mario, 'inbox');
    const all = await list(mario, inbox);
    assert.equal(all.total, 2);
    const hidden = await list(mario, inbox, '&receipts=hide');
    assert.equal(hidden.total, 0);
    const annaInbox = await folderId(anna, 'inbox');
    assert.equal((await list(anna, annaInbox, '&receipts=hide')).total, 1, 'envelopes are not receipts');
  });

  it('packs the evidence byte-exact, with a report that openssl, xmllint and the hashes confirm', async () => {
    const response = await get(path(sent, 'evidence'), mario);
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal(response.headers.get('content-type'), 'application/zip');
    assert.match(
      response.headers.get('content-disposition') ?? '',
      /^attachment; filename="pec-evidence-.+\.zip"$/,
    );
    const dir = await mkdtemp(join(tmpdir(), 'pec-evidence-'));
    try {
      const zipPath = join(dir, 'pack.zip');
      await writeFile(zipPath, Buffer.from(await response.arrayBuffer()));
      const out = join(dir, 'out');
      execFileSync('python3', ['-m', 'zipfile', '-e', zipPath, out]);
      const names = (await filesUnder(out)).sort();
      const report = JSON.parse(await readFile(join(out, 'verification.json'), 'utf8')) as ReportBody;
      assert.equal(report.allPassed, true, JSON.stringify(report.files.map((f) => f.checks)));
      assert.deepEqual(
        names.filter((n) => n.endsWith('.eml')),
        [
          '01-original.eml',
          '02-transport-envelope.eml',
          'receipts/03-accettazione.eml',
          `receipts/04-avvenuta-consegna-${holders.anna}.eml`,
        ],
      );
      assert.deepEqual(
        [...report.files.map((f) => f.name), 'verification.json', 'verification.pdf'].sort(),
        names,
      );
      for (const file of report.files) {
        const bytes = await readFile(join(out, file.name));
        assert.equal(createHash('sha256').update(bytes).digest('hex'), file.sha256, file.name);
        if (file.name.endsWith('.eml') && file.role !== 'original') {
          // pec-spec §8: each signed file verifies on its own (chain not checked: the dev CA).
          execFileSync(
            'openssl',
            ['smime', '-verify', '-noverify', '-in', join(out, file.name), '-out', join(dir, 'content')],
            {
              stdio: ['ignore', 'ignore', 'pipe'],
            },
          );
          assert.ok(
            file.checks.some((c) => c.check === 'signature' && c.result === 'pass'),
            file.name,
          );
        }
        if (file.role === 'daticert') execFileSync('xmllint', ['--noout', join(out, file.name)]);
      }
      assert.equal(names.filter((n) => n.startsWith('daticert/')).length, 3);
      const pdf = await readFile(join(out, 'verification.pdf'));
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.ok(pdf.includes('/Type /Page'), 'a PDF with pages');
      // The envelope in the pack is exactly the one the recipient holds.
      const annaRaw = await provider.ctx.storage.mailboxes.getMessage(
        Number(envelope.folderId),
        envelope.uid,
      );
      assert.ok(annaRaw !== undefined);
      const envelopeFile = report.files.find((f) => f.role === 'transport-envelope');
      assert.equal(envelopeFile?.sha256, annaRaw.blobKey);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('answers 404 to another holder on every PEC route, and to messages without a dossier', async () => {
    for (const what of ['pec', 'receipts', 'evidence']) {
      for (const at of [sent, deliveryAt]) {
        const response = await get(path(at, what), bruno);
        assert.equal(response.status, 404, `${what} as bruno`);
        assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
      }
      assert.equal((await get(path(sent, what), anna)).status, 404, `${what} as anna`);
    }
    assert.equal(
      (await get(path(envelope, 'receipts'), anna)).status,
      404,
      'a received envelope has no dossier',
    );
    assert.equal((await get(path(envelope, 'evidence'), anna)).status, 404);
    assert.equal((await fetch(`${base}${path(sent, 'pec')}`)).status, 401);
  });

  it('publishes the routes in the OpenAPI document', async () => {
    const document = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>
      >;
    };
    assert.ok(document.paths['/api/v1/messages/{folderId}/{uid}/pec']?.['get']);
    assert.ok(document.paths['/api/v1/messages/{folderId}/{uid}/receipts']?.['get']);
    const evidence = document.paths['/api/v1/messages/{folderId}/{uid}/evidence']?.['get'];
    assert.ok(evidence?.responses['200']?.content?.['application/zip']);
  });
});
