import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMimeTree } from './parse-mime-tree.ts';
import { readBodyBytes, readTextBody } from './read-text-body.ts';

const raw = (header: string, body: string): Uint8Array => Buffer.from(`${header}\r\n\r\n${body}`, 'latin1');

describe('readTextBody', () => {
  it('undoes quoted-printable and ISO-8859-1', () => {
    const bytes = raw(
      'Content-Type: text/plain; charset="iso-8859-1"\r\nContent-Transfer-Encoding: quoted-printable',
      'Citt=E0 =\r\nok\r\n',
    );
    assert.equal(readTextBody(bytes, parseMimeTree(bytes)), 'Citt\u00e0 ok\r\n');
  });

  it('undoes base64 and UTF-8', () => {
    const bytes = raw(
      'Content-Type: application/xml\r\nContent-Transfer-Encoding: base64',
      'PHBvc3RhY2VydC8+w6g=\r\n',
    );
    assert.equal(readTextBody(bytes, parseMimeTree(bytes)), '<postacert/>\u00e8');
  });

  it('decodes UTF-7 parts', () => {
    const bytes = raw(
      'Content-Type: text/plain; charset="utf-7"\r\nContent-Transfer-Encoding: quoted-printable',
      'perch+AOk-',
    );
    assert.equal(readTextBody(bytes, parseMimeTree(bytes)), 'perch\u00e9');
  });

  it('reads the part it is given, inside a multipart', () => {
    const bytes = raw(
      'Content-Type: multipart/mixed; boundary=b',
      '--b\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\xe8\r\n--b--\r\n',
    );
    const part = parseMimeTree(bytes).children[0];
    assert.ok(part !== undefined);
    assert.equal(readTextBody(bytes, part), '\u00e8');
    assert.deepEqual([...readBodyBytes(bytes, part)], [0xe8]);
  });
});
