import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { splitMultipartSigned } from './split-multipart-signed.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);
const der = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]);
const b64 = Buffer.from(der).toString('base64');

function message(
  options: { protocol?: string; micalg?: string; eol?: string; signature?: boolean } = {},
): string {
  const eol = options.eol ?? '\r\n';
  const protocol = options.protocol ?? 'application/pkcs7-signature';
  const lines = [
    'From: posta-certificata@pec.example.it',
    `Content-Type: multipart/signed; protocol="${protocol}";`,
    ` micalg=${options.micalg ?? 'sha-256'}; boundary="----=_B_1"`,
    '',
    'This is an S/MIME signed message',
    '',
    '------=_B_1',
    'Content-Type: text/plain',
    '',
    'first line',
    '------=_B_1-not-a-delimiter',
    'last line',
    '------=_B_1  ',
  ];
  if (options.signature !== false) {
    lines.push(
      `Content-Type: ${protocol}; name="smime.p7s"`,
      'Content-Transfer-Encoding: base64',
      '',
      b64,
      '',
      '------=_B_1--',
      '',
    );
  }
  return lines.join(eol);
}

describe('splitMultipartSigned', () => {
  it('keeps the first part byte-exact and decodes the signature (CRLF)', () => {
    const parts = splitMultipartSigned(enc(message()));
    assert.ok(parts !== undefined);
    assert.equal(
      dec(parts.signedContent),
      'Content-Type: text/plain\r\n\r\nfirst line\r\n------=_B_1-not-a-delimiter\r\nlast line',
    );
    assert.deepEqual(parts.signature, der);
    assert.equal(parts.protocol, 'application/pkcs7-signature');
    assert.equal(parts.micalg, 'sha-256');
    assert.deepEqual(parts.problems, []);
  });

  it('handles bare-LF files and the legacy x-pkcs7-signature type with micalg=sha1', () => {
    const parts = splitMultipartSigned(
      enc(message({ eol: '\n', protocol: 'application/x-pkcs7-signature', micalg: '"sha1"' })),
    );
    assert.ok(parts !== undefined);
    assert.equal(
      dec(parts.signedContent),
      'Content-Type: text/plain\n\nfirst line\n------=_B_1-not-a-delimiter\nlast line',
    );
    assert.deepEqual(parts.signature, der);
    assert.equal(parts.micalg, 'sha1');
    assert.deepEqual(parts.problems, []);
  });

  it('reports a missing signature part without failing', () => {
    const parts = splitMultipartSigned(enc(message({ signature: false })));
    assert.ok(parts !== undefined);
    assert.equal(parts.signature.length, 0);
    assert.ok(parts.problems.length > 0);
  });

  it('reports an unexpected protocol', () => {
    const parts = splitMultipartSigned(enc(message({ protocol: 'application/pgp-signature' })));
    assert.ok(parts?.problems.some((problem) => problem.includes('protocol')));
  });

  it('returns undefined for anything that is not multipart/signed', () => {
    assert.equal(
      splitMultipartSigned(
        enc('Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n\r\nhi\r\n--x--\r\n'),
      ),
      undefined,
    );
    assert.equal(splitMultipartSigned(enc('Subject: plain\r\n\r\nbody')), undefined);
    assert.equal(splitMultipartSigned(new Uint8Array()), undefined);
  });

  it('never throws on arbitrary bytes or on mutated signed messages', () => {
    const base = enc(message());
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        splitMultipartSigned(bytes);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          maxLength: 20,
        }),
        fc.nat({ max: base.length }),
        (edits, cut) => {
          const bytes = base.slice(0, cut);
          for (const [at, value] of edits) if (at < bytes.length) bytes[at] = value;
          const parts = splitMultipartSigned(bytes);
          if (parts !== undefined) assert.ok(Array.isArray(parts.problems));
        },
      ),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        splitMultipartSigned(enc(`Content-Type: multipart/signed; boundary="b"\r\n\r\n${text}`));
      }),
      { numRuns: 500 },
    );
  });
});
