import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalizeLineBreaks, hasBareLineFeed } from './canonicalize-line-breaks.ts';
import { derToPem, pemBlocksToDer, pemToDer, toDer } from './pem.ts';

describe('PEM helpers', () => {
  const der = new Uint8Array(Array.from({ length: 100 }, (_, i) => (i * 37) & 0xff));
  der[0] = 0x30;

  it('round-trips DER through PEM with 64-column lines', () => {
    const pem = derToPem(der, 'CERTIFICATE');
    assert.ok(pem.startsWith('-----BEGIN CERTIFICATE-----\n'));
    assert.ok(pem.split('\n').every((line) => line.length <= 64));
    assert.deepEqual(pemToDer(pem), der);
    assert.deepEqual(pemToDer(`junk before\r\n${pem.replace(/\n/g, '\r\n')}junk after`, 'CERTIFICATE'), der);
    assert.deepEqual(toDer(pem), der);
    assert.deepEqual(toDer(der), der);
    assert.deepEqual(toDer(new TextEncoder().encode(pem)), der);
  });

  it('selects blocks by label and lists them all', () => {
    const bundle =
      derToPem(der, 'PRIVATE KEY') +
      derToPem(der.subarray(0, 10), 'CERTIFICATE') +
      derToPem(der, 'CERTIFICATE');
    assert.deepEqual(pemToDer(bundle, 'CERTIFICATE'), der.subarray(0, 10));
    assert.equal(pemBlocksToDer(bundle, 'CERTIFICATE').length, 2);
    assert.equal(pemBlocksToDer(bundle).length, 3);
    assert.throws(() => pemToDer(bundle, 'PKCS7'), /no PEM block labelled PKCS7/);
  });
});

describe('canonicalizeLineBreaks', () => {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  it('turns bare LF into CRLF and keeps existing CRLF', () => {
    assert.deepEqual(canonicalizeLineBreaks(enc('a\nb\r\nc\n')), enc('a\r\nb\r\nc\r\n'));
    assert.deepEqual(canonicalizeLineBreaks(enc('\n')), enc('\r\n'));
    assert.equal(hasBareLineFeed(enc('a\r\nb')), false);
    assert.equal(hasBareLineFeed(enc('a\r\nb\n')), true);
    assert.equal(hasBareLineFeed(enc('\n')), true);
  });
});
