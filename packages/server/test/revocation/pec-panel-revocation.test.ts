/**
 * The PEC panel's and the evidence report's chain and revocation checks (decisions 0009, 0025),
 * against a CA run by openssl: its CRL served over local HTTP, its OCSP responder (`openssl ocsp`).
 * The PEC evidence service, given the revocation checker and the CA as trust anchor the way the
 * composition root gives them, reports for each signer the status at signing time, the source (CRL
 * or OCSP) with its URL and time, and the chain; the verification report says the same per file.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { createProviderIndex, parseLdif, readPecMessage, renderProviderEntry } from '@pec/core';
import { createHttpRevocationSource } from '../../src/http-clients/create-http-revocation-source.ts';
import type { Folder, StoredMessage } from '../../src/ports/mailbox-store.ts';
import { describeStoredMessage } from '../../src/services/mailboxes/describe-stored-message.ts';
import { createPecEvidence } from '../../src/services/pec-evidence/create-pec-evidence.ts';
import { verifyOptionsOf } from '../../src/services/pec-evidence/describe-pec-facts.ts';
import type { PecEvidenceDependencies } from '../../src/services/pec-evidence/pec-evidence-dependencies.ts';
import { buildVerificationReport } from '../../src/services/pec-evidence/verification-report.ts';
import { createRevocationChecker } from '../../src/services/revocation/create-revocation-checker.ts';
import {
  createOpensslCa,
  serveBytes,
  type IssuedCertificate,
  type OpensslCa,
} from '../support/openssl-ca.ts';

const run = promisify(execFile);
const domain = 'pec.signer.example';
const address = `posta-certificata@${domain}`;
const now = new Date();

type Name = 'good' | 'revoked' | 'ocsp';

describe('PEC panel and evidence report: chain and revocation with a local CA', { timeout: 120_000 }, () => {
  let ca: OpensslCa;
  let otherCa: OpensslCa;
  let crlServer: Awaited<ReturnType<typeof serveBytes>>;
  let crlUrl = '';
  let ocspUrl = '';
  const bytes = new Map<string, Buffer>();
  const messages: StoredMessage[] = [];
  const uids = new Map<Name, number>();
  let index: ReturnType<typeof createProviderIndex>;

  async function signed(name: Name, certificate: IssuedCertificate): Promise<void> {
    const dir = ca.dir;
    await writeFile(join(dir, `${name}.pem`), certificate.certificatePem);
    await writeFile(join(dir, `${name}.key`), certificate.privateKeyPem);
    await writeFile(join(dir, `${name}.txt`), 'Content-Type: text/plain; charset=us-ascii\r\n\r\nProva.\r\n');
    const out = join(dir, `${name}.eml`);
    await run('openssl', [
      'smime',
      '-sign',
      '-in',
      join(dir, `${name}.txt`),
      '-signer',
      join(dir, `${name}.pem`),
      '-inkey',
      join(dir, `${name}.key`),
      '-certfile',
      join(dir, 'ca.pem'),
      '-from',
      address,
      '-to',
      'anna@pec.example.it',
      '-subject',
      `Prova ${name}`,
      '-out',
      out,
    ]);
    const raw = await readFile(out);
    const key = createHash('sha256').update(raw).digest('hex');
    bytes.set(key, raw);
    const uid = messages.length + 1;
    uids.set(name, uid);
    messages.push({
      folderId: 7,
      uid,
      modseq: uid,
      blobKey: key,
      size: raw.length,
      internalDate: now,
      saveDate: now,
      flags: [],
      ...(await describeStoredMessage(raw)),
    });
  }

  before(async () => {
    ca = await createOpensslCa();
    otherCa = await createOpensslCa();
    crlServer = await serveBytes(() => ca.crl());
    crlUrl = `${crlServer.url}/ca.crl`;
    ocspUrl = await ca.ocspUrl();
    const good = await ca.issue({ commonName: 'Posta Certificata', email: address, crlUrl });
    const revoked = await ca.issue({ commonName: 'Posta Certificata revocata', email: address, crlUrl });
    const ocsp = await ca.issue({ commonName: 'Posta Certificata OCSP', email: address, ocspUrl });
    await ca.revoke(revoked, new Date(now.getTime() - 86_400_000));
    await ca.startOcspResponder();
    await signed('good', good);
    await signed('revoked', revoked);
    await signed('ocsp', ocsp);
    index = createProviderIndex(
      parseLdif(
        renderProviderEntry({
          name: 'Signer PEC S.p.A.',
          mailReceipt: address,
          managedDomains: [domain],
          certificates: [good.der, revoked.der, ocsp.der],
        }),
      ),
    );
  });
  after(async () => {
    await crlServer.close();
    await ca.close();
    await otherCa.close();
  });

  function dependencies(anchors?: Uint8Array[], withRevocation = true): PecEvidenceDependencies {
    const checker = createRevocationChecker(
      {
        source: createHttpRevocationSource({ timeoutMs: 5000, maxCrlBytes: 1 << 20 }),
        clock: { now: () => new Date() },
      },
      { policy: 'lenient', timeoutMs: 5000, cacheMinutes: 60 },
    );
    const folder: Folder = {
      id: 7,
      mailboxId: 1,
      name: 'INBOX',
      uidValidity: 1,
      uidNext: 10,
      highestModseq: 1,
      specialUse: null,
      securityArchive: false,
      createdAt: new Date(0),
    };
    return {
      mailboxes: {
        getFolderById: (id) => Promise.resolve(id === 7 ? folder : undefined),
        getMessage: (folderId, uid) =>
          Promise.resolve(messages.find((m) => m.folderId === folderId && m.uid === uid)),
        findByPecReference: () => Promise.resolve([]),
      },
      blobs: { get: (key) => Promise.resolve(bytes.get(key) ?? Buffer.alloc(0)) },
      tracking: { get: () => Promise.resolve(undefined) },
      index,
      clock: { now: () => new Date() },
      ...(anchors === undefined ? {} : { trustAnchors: anchors }),
      ...(withRevocation ? { revocation: checker.check } : {}),
    };
  }

  const at = (name: Name) => ({
    mailboxId: 1,
    holder: 'anna@pec.example.it',
    folderId: 7,
    uid: uids.get(name) ?? 0,
  });

  it('reports a good signer from the CRL, with its URL and time, and a chain to the CA', async () => {
    const details = await createPecEvidence(dependencies([ca.caDer]), { providerName: 'Test' }).details(
      at('good'),
    );
    assert.equal(details?.signature.valid, true);
    assert.equal(details.signature.provider, 'Signer PEC S.p.A.');
    assert.equal(details.signature.chainValid, true);
    const revocation = details.signature.revocation;
    assert.equal(revocation?.status, 'good');
    assert.equal(revocation.source, 'crl');
    assert.equal(revocation.detail, crlUrl);
    assert.equal(revocation.revokedAt, null);
    assert.ok(Math.abs(revocation.checkedAt.getTime() - Date.now()) < 3_600_000, 'the CRL of now');
  });

  it('reports a signer revoked before signing as revoked, with the revocation time', async () => {
    const details = await createPecEvidence(dependencies([ca.caDer]), { providerName: 'Test' }).details(
      at('revoked'),
    );
    assert.equal(details?.signature.revocation?.status, 'revoked');
    assert.equal(details.signature.revocation.source, 'crl');
    assert.ok(details.signature.revocation.revokedAt !== null);
    assert.ok(details.signature.revocation.revokedAt.getTime() < Date.now());
  });

  it('asks the OCSP responder the certificate names', async () => {
    const details = await createPecEvidence(dependencies([ca.caDer]), { providerName: 'Test' }).details(
      at('ocsp'),
    );
    assert.equal(details?.signature.revocation?.status, 'good');
    assert.equal(details.signature.revocation.source, 'ocsp');
    assert.equal(details.signature.revocation.detail, ocspUrl);
  });

  it('says the chain fails against another CA, and "not checked" with no anchors and no source', async () => {
    const other = await createPecEvidence(dependencies([otherCa.caDer]), { providerName: 'Test' }).details(
      at('good'),
    );
    assert.equal(other?.signature.chainValid, false);
    const bare = await createPecEvidence(dependencies(undefined, false), { providerName: 'Test' }).details(
      at('good'),
    );
    assert.equal(bare?.signature.chainValid, null);
    assert.equal(bare.signature.revocation, null);
  });

  it('writes the same checks into the verification report', async () => {
    const deps = dependencies([ca.caDer]);
    const files = await Promise.all(
      (['good', 'revoked'] as const).map(async (name) => {
        const message = messages[(uids.get(name) ?? 1) - 1]!;
        const raw = bytes.get(message.blobKey)!;
        return {
          name: `${name}.eml`,
          role: 'receipt' as const,
          bytes: raw,
          blobKey: message.blobKey,
          description: await readPecMessage(raw, verifyOptionsOf(deps)),
          extractedFrom: null,
        };
      }),
    );
    const report = buildVerificationReport({
      provider: 'Test',
      holder: 'anna@pec.example.it',
      generatedAt: new Date(),
      dossier: {
        identifier: 'id@test',
        subject: 'Prova',
        acceptedAt: new Date(),
        recipients: [],
      } as unknown as Parameters<typeof buildVerificationReport>[0]['dossier'],
      files,
    });
    const check = (file: number, name: string) => report.files[file]?.checks.find((c) => c.check === name);
    assert.equal(check(0, 'certificate-chain')?.result, 'pass');
    assert.equal(check(0, 'revocation')?.result, 'pass');
    assert.match(
      check(0, 'revocation')?.detail ?? '',
      new RegExp(`^good \\(crl ${crlUrl.replace(/[.]/g, '\\.')}, \\d{4}-`),
    );
    assert.equal(check(1, 'revocation')?.result, 'fail');
    assert.match(check(1, 'revocation')?.detail ?? '', /^revoked \(crl .*revoked at \d{4}-/);
    assert.equal(report.allPassed, false);
  });
});
