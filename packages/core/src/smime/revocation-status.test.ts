import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TimeStampReq } from 'pkijs';
import { createDevelopmentPki } from './create-development-pki.ts';
import { revocationLocations } from './certificate-revocation-locations.ts';
import { pemToDer } from './pem.ts';
import { revocationAt } from './revocation-status.ts';
import { buildTimeStampRequest, readTimeStampResponse, verifyTimeStampToken } from './time-stamp.ts';

describe('revocationAt', () => {
  const checkedAt = new Date('2026-03-10T00:00:00Z');
  const signed = new Date('2026-03-10T09:30:00Z');

  it('is revoked only when the revocation is at or before the signing time', () => {
    assert.equal(revocationAt(undefined, signed, 'crl', checkedAt).status, 'good');
    assert.equal(revocationAt(new Date('2026-03-10T09:29:59Z'), signed, 'crl', checkedAt).status, 'revoked');
    assert.equal(revocationAt(signed, signed, 'ocsp', checkedAt).status, 'revoked');
    const later = revocationAt(new Date('2026-03-10T09:30:01Z'), signed, 'ocsp', checkedAt, 'responder');
    assert.deepEqual(later, {
      status: 'good',
      source: 'ocsp',
      checkedAt,
      detail: 'responder',
      revokedAt: new Date('2026-03-10T09:30:01Z'),
    });
  });
});

describe('revocationLocations', () => {
  it('finds nothing in a certificate without CRL distribution points or AIA', async () => {
    const pki = await createDevelopmentPki({
      domain: 'pec.example.it',
      providerName: 'Example',
      now: new Date(),
    });
    assert.deepEqual(revocationLocations(pemToDer(pki.signingCertificate, 'CERTIFICATE')), {
      crlUrls: [],
      ocspUrls: [],
    });
  });
});

describe('RFC 3161 request and response', () => {
  it('builds a SHA-256 request and refuses imprints of another size', () => {
    const request = buildTimeStampRequest(new Uint8Array(32).fill(7), new Uint8Array([0xff, 1]));
    // The imprint is inside the DER request.
    assert.ok(Buffer.from(request).includes(Buffer.alloc(32, 7)));
    assert.throws(() => buildTimeStampRequest(new Uint8Array(20)), /32 bytes/);
  });

  it('encodes every nonce as a positive, minimal DER INTEGER (no illegal padding)', () => {
    for (const first of [0x00, 0x80, 0xff, 0x01, 0x7f]) {
      const request = buildTimeStampRequest(new Uint8Array(32), new Uint8Array([first, 0x05, 0x06]));
      const parsed = TimeStampReq.fromBER(request);
      const bytes = new Uint8Array(parsed.nonce!.valueBlock.valueHexView);
      assert.equal(bytes.length, 3, `first byte ${first}`);
      assert.notEqual(bytes[0], 0, `first byte ${first}`);
      assert.equal(bytes[0]! & 0x80, 0, `first byte ${first}`);
    }
  });

  it('reports unreadable responses and tokens', async () => {
    assert.throws(() => readTimeStampResponse(new Uint8Array([1, 2, 3])));
    const check = await verifyTimeStampToken(
      new Uint8Array([0x30, 0x00]),
      new Uint8Array(32),
      new Uint8Array(),
    );
    assert.equal(check.valid, false);
    assert.match(check.errors.join(), /unreadable token|TSTInfo/);
  });
});
