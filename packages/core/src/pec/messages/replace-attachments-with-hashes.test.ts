import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { findParts } from '../../mail/find-parts.ts';
import { parseMimeTree } from '../../mail/parse-mime-tree.ts';
import type { MimeNode } from '../../mail/parse-mime-tree.ts';
import { readBodyBytes } from '../../mail/read-text-body.ts';
import { envelope } from './fixtures/sample-inputs.ts';
import { replaceAttachmentsWithHashes } from './replace-attachments-with-hashes.ts';

const enc = (s: string): Uint8Array => Buffer.from(s, 'latin1');
const text = (b: Uint8Array): string => Buffer.from(b).toString('latin1');
const sha1 = (b: Uint8Array): string => createHash('sha1').update(b).digest('hex');

/** The tree's shape: content types, with file names, depth-first. */
function shape(node: MimeNode): string {
  const own = `${node.contentType.value}${node.filename === undefined ? '' : `(${node.filename})`}`;
  const inner = node.contentType.type === 'multipart' ? `[${node.children.map(shape).join(',')}]` : '';
  return own + inner;
}

describe('replaceAttachmentsWithHashes', () => {
  it('replaces each attachment of the carried original by <name>.hash with the SHA-1 of its decoded content', () => {
    const original = envelope.carriedOriginal;
    const before = parseMimeTree(original);
    const attachments = before.children.filter(
      (c) => c.filename !== undefined || c.contentType.type === 'message',
    );
    assert.equal(attachments.length, 2);
    const breve = replaceAttachmentsWithHashes(original);
    const after = parseMimeTree(breve);
    assert.equal(
      shape(after),
      'multipart/mixed[text/plain,text/plain(contratto.pdf.hash),text/plain(messaggio.eml.hash)]',
    );
    const hashes = after.children.slice(1).map((part) => text(readBodyBytes(breve, part)));
    assert.deepEqual(
      hashes,
      attachments.map((part) => sha1(readBodyBytes(original, part))),
    );
    const pdf = attachments[0];
    assert.ok(pdf !== undefined);
    // Decoded content, not the base64 text (decision 0003).
    assert.notEqual(hashes[0], sha1(original.subarray(pdf.bodyStart, pdf.bodyEnd)));
    for (const part of after.children.slice(1)) {
      assert.equal(part.contentType.params.get('name'), part.disposition?.params.get('filename'));
      assert.equal(part.disposition?.value, 'attachment');
    }
    // Everything before the first attachment (headers, text part) is byte-identical.
    assert.equal(text(breve.subarray(0, pdf.start)), text(original.subarray(0, pdf.start)));
    assert.ok(text(breve).endsWith('--orig-b1--\r\n'));
  });

  it('keeps the signature of a multipart/signed original and nested structure', () => {
    const original = enc(
      [
        'Content-Type: multipart/signed; protocol="application/pkcs7-signature"; boundary="s"',
        '',
        '--s',
        'Content-Type: multipart/mixed; boundary="m"',
        '',
        '--m',
        'Content-Type: text/plain',
        '',
        'ciao',
        '--m',
        'Content-Type: application/octet-stream',
        "Content-Disposition: attachment; filename*=UTF-8''fattura%20n%C2%B01.xml",
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'a=3Db',
        '--m--',
        '--s',
        'Content-Type: application/pkcs7-signature; name="smime.p7s"',
        'Content-Transfer-Encoding: base64',
        '',
        'AAAA',
        '--s--',
        '',
      ].join('\r\n'),
    );
    const breve = replaceAttachmentsWithHashes(original);
    const root = parseMimeTree(breve);
    assert.equal(
      shape(root),
      'multipart/signed[multipart/mixed[text/plain,text/plain(fattura n°1.xml.hash)],application/pkcs7-signature(smime.p7s)]',
    );
    const hashPart = findParts(root, (n) => n.filename === 'fattura n°1.xml.hash')[0];
    assert.ok(hashPart !== undefined);
    assert.equal(text(readBodyBytes(breve, hashPart)), sha1(enc('a=b')));
    assert.match(text(breve), /filename\*=UTF-8''fattura%20n%C2%B01\.xml\.hash/);
    assert.ok(
      text(breve).endsWith(
        '--s\r\nContent-Type: application/pkcs7-signature; name="smime.p7s"\r\nContent-Transfer-Encoding: base64\r\n\r\nAAAA\r\n--s--\r\n',
      ),
    );
  });

  it('returns a pkcs7-mime original unchanged and leaves messages without attachments alone', () => {
    const opaque = enc('Content-Type: application/pkcs7-mime; name="smime.p7m"\r\n\r\nAAAA\r\n');
    assert.equal(replaceAttachmentsWithHashes(opaque), opaque);
    const plain = enc('Subject: x\r\n\r\nonly text\r\n');
    assert.equal(text(replaceAttachmentsWithHashes(plain)), text(plain));
  });
});
