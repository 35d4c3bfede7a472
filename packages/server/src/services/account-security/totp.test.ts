/**
 * TOTP against the test vectors of RFC 6238 Appendix B (SHA-1 key "12345678901234567890",
 * 8 digits there; the 6-digit code is the same number's last six digits) and RFC 4226 Appendix D,
 * base32 against RFC 4648 §10, and the replay window.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totpCode, totpStep } from './totp.ts';

const key = new Uint8Array(Buffer.from('12345678901234567890', 'ascii'));

describe('totp', () => {
  it('matches RFC 4226 Appendix D', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    assert.deepEqual(
      expected.map((_, counter) => hotp(key, counter)),
      expected,
    );
  });

  it('matches RFC 6238 Appendix B (SHA-1)', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors) {
      assert.equal(hotp(key, totpStep(new Date(seconds * 1000)), 8), code, `T=${String(seconds)}`);
      assert.equal(totpCode(key, new Date(seconds * 1000)), code.slice(2));
    }
  });

  it('encodes base32 as RFC 4648 §10 (no padding)', () => {
    const pairs: [string, string][] = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [text, encoded] of pairs) {
      assert.equal(base32Encode(new Uint8Array(Buffer.from(text))), encoded);
      assert.equal(Buffer.from(base32Decode(`${encoded.toLowerCase()}===`) ?? []).toString(), text);
    }
    assert.equal(base32Decode('MZ1'), undefined);
  });

  it('accepts one step either side and nothing further', () => {
    const at = new Date(1_700_000_000_000);
    const step = totpStep(at);
    const before = new Date(at.getTime() - 30_000);
    assert.equal(matchTotp(key, totpCode(key, at), at), step);
    assert.equal(matchTotp(key, totpCode(key, before), at), step - 1);
    assert.equal(matchTotp(key, totpCode(key, new Date(at.getTime() + 30_000)), at), step + 1);
    assert.equal(matchTotp(key, totpCode(key, new Date(at.getTime() - 90_000)), at), undefined);
    assert.equal(matchTotp(key, 'abcdef', at), undefined);
  });

  it('writes the otpauth URI', () => {
    assert.equal(
      otpauthUri('PEC Example', 'mario@pec.example.it', key),
      'otpauth://totp/PEC%20Example:mario%40pec.example.it?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=PEC+Example&algorithm=SHA1&digits=6&period=30',
    );
  });
});
