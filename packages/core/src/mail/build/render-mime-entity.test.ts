import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMimeTree } from '../parse-mime-tree.ts';
import { chooseBoundary } from './choose-boundary.ts';
import { renderMimeEntity, type MimeEntity } from './render-mime-entity.ts';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

const tree: MimeEntity = {
  multipart: 'mixed',
  headers: [{ name: 'MIME-Version', value: '1.0', kind: 'structured' }],
  parts: [
    {
      multipart: 'alternative',
      headers: [],
      parts: [
        { headers: [{ name: 'Content-Type', value: 'text/plain', kind: 'structured' }], body: 'plain' },
        { headers: [{ name: 'Content-Type', value: 'text/html', kind: 'structured' }], body: '<p>html</p>' },
      ],
    },
    { headers: [{ raw: 'Content-Type: application/octet-stream\r\n' }], body: new Uint8Array([0, 1, 2]) },
  ],
};

describe('renderMimeEntity', () => {
  it('produces the same CRLF bytes for the same tree and seed', () => {
    const a = renderMimeEntity(tree, 'seed');
    assert.deepEqual(renderMimeEntity(tree, 'seed'), a);
    assert.notDeepEqual(renderMimeEntity(tree, 'other'), a);
    assert.doesNotMatch(text(a), /\r(?!\n)|(?<!\r)\n/);
  });

  it('gives a tree that parses back with the same structure', () => {
    const bytes = renderMimeEntity(tree, 'seed');
    const root = parseMimeTree(bytes);
    assert.equal(root.contentType.value, 'multipart/mixed');
    assert.deepEqual(root.problems, []);
    const [alternative, binary] = root.children;
    assert.ok(alternative !== undefined && binary !== undefined);
    assert.equal(alternative.contentType.value, 'multipart/alternative');
    assert.deepEqual(
      alternative.children.map((c) => text(bytes.subarray(c.bodyStart, c.bodyEnd))),
      ['plain', '<p>html</p>'],
    );
    assert.deepEqual([...bytes.subarray(binary.bodyStart, binary.bodyEnd)], [0, 1, 2]);
  });

  it('never picks a boundary that occurs in the content', () => {
    const clash = chooseBoundary('seed', '1', []);
    const chosen = chooseBoundary('seed', '1', [new TextEncoder().encode(`x--${clash}\r\n`)]);
    assert.notEqual(chosen, clash);
    assert.ok(chosen.startsWith(clash));
  });

  it('refuses non-ASCII text bodies and raw headers without CRLF', () => {
    assert.throws(() => renderMimeEntity({ headers: [], body: 'è' }, 's'), RangeError);
    assert.throws(() => renderMimeEntity({ headers: [{ raw: 'X: y\n' }], body: '' }, 's'), RangeError);
  });
});
