/**
 * The revocation checker against a real CA run with openssl (pec-spec §8.4 step 4): its CRL served
 * over local HTTP, its OCSP responder (`openssl ocsp`), an unreachable distribution point, and the
 * signing-time rule (revoked after the signature → good).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyCrl } from '@pec/core';
import { createHttpRevocationSource } from '../../src/http-clients/create-http-revocation-source.ts';
import { createRevocationChecker } from '../../src/services/revocation/create-revocation-checker.ts';
import {
  createOpensslCa,
  freePort,
  serveBytes,
  type IssuedCertificate,
  type OpensslCa,
} from '../support/openssl-ca.ts';

const signingTime = new Date('2026-03-10T09:30:00.000Z');
const clock = { now: () => signingTime };

describe('revocation checker with a local CA, CRL and OCSP responder', () => {
  let ca: OpensslCa;
  let crlServer: Awaited<ReturnType<typeof serveBytes>>;
  let crlFetches = 0;
  let revokedBefore: IssuedCertificate;
  let revokedAfter: IssuedCertificate;
  let good: IssuedCertificate;
  let ocspGood: IssuedCertificate;
  let ocspRevoked: IssuedCertificate;
  let unreachable: IssuedCertificate;
  let bare: IssuedCertificate;

  before(async () => {
    ca = await createOpensslCa();
    crlServer = await serveBytes(async () => {
      crlFetches += 1;
      return ca.crl();
    });
    const crlUrl = `${crlServer.url}/ca.crl`;
    const ocspUrl = await ca.ocspUrl();
    revokedBefore = await ca.issue({ commonName: 'revoked before', crlUrl });
    revokedAfter = await ca.issue({ commonName: 'revoked after', crlUrl });
    good = await ca.issue({ commonName: 'good', crlUrl });
    ocspGood = await ca.issue({ commonName: 'ocsp good', ocspUrl });
    ocspRevoked = await ca.issue({ commonName: 'ocsp revoked', ocspUrl });
    unreachable = await ca.issue({
      commonName: 'unreachable',
      crlUrl: `http://127.0.0.1:${await freePort()}/gone.crl`,
    });
    bare = await ca.issue({ commonName: 'no revocation source' });
    await ca.revoke(revokedBefore, new Date('2026-01-05T12:00:00Z'));
    await ca.revoke(revokedAfter, new Date('2026-06-01T12:00:00Z'));
    await ca.revoke(ocspRevoked, new Date('2026-02-01T08:00:00Z'));
    await ca.startOcspResponder();
  });
  after(async () => {
    await crlServer.close();
    await ca.close();
  });

  const checker = (policy: 'strict' | 'lenient', warnings: string[] = []) =>
    createRevocationChecker(
      {
        source: createHttpRevocationSource({ timeoutMs: 5000, maxCrlBytes: 1024 * 1024 }),
        clock,
        warn: (text) => warnings.push(text),
      },
      { policy, timeoutMs: 10_000, cacheMinutes: 60 },
    );
  const ask = (c: ReturnType<typeof checker>, certificate: IssuedCertificate, at = signingTime) =>
    c.check({ certificate: certificate.der, issuer: ca.caDer, at });

  it('reads and verifies the CRL against its issuer, and refuses it with another issuer', async () => {
    const crl = await verifyCrl(await ca.crl(), ca.caDer);
    assert.equal(crl.revoked.size, 3);
    assert.ok(crl.nextUpdate !== undefined && crl.nextUpdate > crl.thisUpdate);
    await assert.rejects(verifyCrl(await ca.crl(), good.der), /another authority|signature/);
  });

  it('CRL: revoked before the signing time → revoked; after it → good with the revocation time', async () => {
    const c = checker('strict');
    const before = await ask(c, revokedBefore);
    assert.equal(before.status, 'revoked');
    assert.equal(before.source, 'crl');
    assert.equal(before.revokedAt?.toISOString(), '2026-01-05T12:00:00.000Z');
    const later = await ask(c, revokedAfter);
    assert.equal(later.status, 'good');
    assert.equal(later.revokedAt?.toISOString(), '2026-06-01T12:00:00.000Z');
    // A signature made after the revocation of the same certificate is revoked.
    assert.equal((await ask(c, revokedAfter, new Date('2026-07-01T00:00:00Z'))).status, 'revoked');
    assert.equal((await ask(c, good)).status, 'good');
  });

  it('keeps the CRL until its nextUpdate and answers per certificate from the cache', async () => {
    const c = checker('strict');
    const fetchesBefore = crlFetches;
    await ask(c, good);
    await ask(c, revokedBefore);
    await ask(c, good);
    assert.equal(crlFetches - fetchesBefore, 1);
  });

  it('OCSP: the responder the certificate names answers good or revoked', async () => {
    const c = checker('strict');
    const ok = await ask(c, ocspGood);
    assert.equal(ok.status, 'good', ok.detail);
    assert.equal(ok.source, 'ocsp');
    const revoked = await ask(c, ocspRevoked);
    assert.equal(revoked.status, 'revoked');
    assert.equal(revoked.source, 'ocsp');
    assert.equal(revoked.revokedAt?.toISOString(), '2026-02-01T08:00:00.000Z');
  });

  it('an unreachable CRL, no source or no issuer → unknown, with a warning', async () => {
    const warnings: string[] = [];
    const c = checker('lenient', warnings);
    const status = await ask(c, unreachable);
    assert.equal(status.status, 'unknown');
    assert.equal(status.source, 'none');
    assert.match(status.detail ?? '', /gone\.crl/);
    assert.equal((await ask(c, bare)).status, 'unknown');
    assert.equal(
      (await c.check({ certificate: good.der, issuer: undefined, at: signingTime })).status,
      'unknown',
    );
    assert.equal(warnings.length, 3);
    assert.match(warnings[0]!, /lenient/);
  });
});
