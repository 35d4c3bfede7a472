import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findParts } from './find-parts.ts';
import { parseMimeTree } from './parse-mime-tree.ts';

const raw = Buffer.from(
  [
    'Content-Type: multipart/mixed; boundary=a',
    '',
    '--a',
    'Content-Type: multipart/alternative; boundary=b',
    '',
    '--b',
    '',
    'plain',
    '--b--',
    '--a',
    'Content-Type: message/rfc822',
    '',
    'Content-Type: multipart/mixed; boundary=c',
    '',
    '--c',
    'Content-Type: application/xml; name=daticert.xml',
    '',
    '<x/>',
    '--c--',
    '--a',
    'Content-Type: application/xml; name=daticert.xml',
    '',
    '<y/>',
    '--a--',
  ].join('\n'),
);

describe('findParts', () => {
  it('visits the root first, then each subtree in order, embedded messages included', () => {
    const root = parseMimeTree(raw);
    const all = findParts(root, () => true).map((n) => `${n.path}:${n.contentType.value}`);
    assert.deepEqual(all, [
      ':multipart/mixed',
      '1:multipart/alternative',
      '1.1:text/plain',
      '2:message/rfc822',
      '2:multipart/mixed',
      '2.1:application/xml',
      '3:application/xml',
    ]);
  });

  it('returns only matching nodes', () => {
    const root = parseMimeTree(raw);
    const found = findParts(root, (n) => n.filename === 'daticert.xml');
    assert.deepEqual(
      found.map((n) => n.path),
      ['2.1', '3'],
    );
    assert.deepEqual(
      findParts(root, () => false),
      [],
    );
  });
});
