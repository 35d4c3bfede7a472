import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { getHeader } from './header-block.ts';
import { parseMimeTree } from './parse-mime-tree.ts';
import type { MimeNode } from './parse-mime-tree.ts';

const enc = (s: string): Uint8Array => Buffer.from(s, 'latin1');
const text = (bytes: Uint8Array, from: number, to: number): string =>
  Buffer.from(bytes.subarray(from, to)).toString('latin1');
const body = (bytes: Uint8Array, node: MimeNode | undefined): string =>
  node === undefined ? '<missing>' : text(bytes, node.bodyStart, node.bodyEnd);
const entity = (bytes: Uint8Array, node: MimeNode | undefined): string =>
  node === undefined ? '<missing>' : text(bytes, node.start, node.end);

/** Range invariants every parsed tree must satisfy. */
function assertWellFormed(node: MimeNode, length: number): void {
  assert.ok(node.start >= 0 && node.end <= length, 'node inside the input');
  assert.ok(node.start <= node.bodyStart && node.bodyStart <= node.bodyEnd && node.bodyEnd <= node.end);
  for (const field of node.headers.fields) {
    assert.ok(field.start >= node.start && field.end <= node.bodyStart, 'header inside its entity');
  }
  let previousEnd = node.bodyStart;
  for (const child of node.children) {
    assert.ok(child.start >= previousEnd, 'children ordered and disjoint');
    assert.ok(child.end <= node.bodyEnd, 'child inside the parent body');
    previousEnd = child.end;
    assertWellFormed(child, length);
  }
}

function countNodes(node: MimeNode): number {
  return 1 + node.children.reduce((sum, child) => sum + countNodes(child), 0);
}

function depthOf(node: MimeNode): number {
  return 1 + Math.max(0, ...node.children.map(depthOf));
}

const multipart = (eol: string): string =>
  [
    'From: a@example.it',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    'preamble',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'one',
    '--b1',
    '',
    'two',
    '',
    '--b1--',
    'epilogue',
  ].join(eol);

describe('parseMimeTree', () => {
  it('reads a single-part message', () => {
    const raw = enc('Subject: hi\r\nContent-Transfer-Encoding: Base64\r\n\r\nSGk=\r\n');
    const root = parseMimeTree(raw);
    assert.equal(root.path, '');
    assert.equal(root.contentType.value, 'text/plain');
    assert.equal(root.transferEncoding, 'base64');
    assert.equal(getHeader(root.headers, 'subject'), 'hi');
    assert.equal(body(raw, root), 'SGk=\r\n');
    assert.deepEqual(root.children, []);
    assert.deepEqual(root.problems, []);
    assert.equal(parseMimeTree(enc('X: y\r\n\r\n')).transferEncoding, '7bit');
  });

  for (const [label, eol] of [
    ['CRLF', '\r\n'],
    ['LF', '\n'],
    ['CR CR LF', '\r\r\n'],
  ] as const) {
    it(`splits a multipart on raw bytes (${label}), the line break before a delimiter belonging to it`, () => {
      const raw = enc(multipart(eol));
      const root = parseMimeTree(raw);
      assert.equal(root.children.length, 2);
      const [first, second] = root.children;
      assert.equal(first?.path, '1');
      assert.equal(second?.path, '2');
      assert.equal(body(raw, first), 'one');
      assert.equal(body(raw, second), `two${eol}`);
      assert.equal(entity(raw, first), `Content-Type: text/plain; charset=utf-8${eol}${eol}one`);
      assert.equal(first.contentType.params.get('charset'), 'utf-8');
      assert.equal(second.contentType.value, 'text/plain');
      assert.deepEqual(root.problems, []);
    });
  }

  it('accepts a first delimiter at body start, transport padding and text after the close delimiter', () => {
    const raw = enc('Content-Type: multipart/mixed; boundary=b\r\n\r\n--b \t\r\n\r\nx\r\n--b--  junk\r\n');
    const root = parseMimeTree(raw);
    assert.equal(root.children.length, 1);
    assert.equal(body(raw, root.children[0]), 'x');
    assert.deepEqual(root.problems, []);
  });

  it('ignores boundary look-alikes: longer boundaries and delimiters not at line start', () => {
    const raw = enc(
      'Content-Type: multipart/mixed; boundary=b\n\n--b\n\nx --b\n--bb\n--b-\n--b\n\ny\n--b--\n',
    );
    const root = parseMimeTree(raw);
    assert.equal(root.children.length, 2);
    assert.equal(body(raw, root.children[0]), 'x --b\n--bb\n--b-');
    assert.equal(body(raw, root.children[1]), 'y');
  });

  it('reports a missing close delimiter and runs the last part to the end', () => {
    const raw = enc('Content-Type: multipart/mixed; boundary=b\n\n--b\n\nx\n--b\n\ny\n');
    const root = parseMimeTree(raw);
    assert.deepEqual(root.problems, ['missing closing boundary']);
    assert.equal(body(raw, root.children[1]), 'y\n');
  });

  it('reports a multipart without boundary or without any delimiter', () => {
    assert.deepEqual(parseMimeTree(enc('Content-Type: multipart/mixed\n\nx')).problems, [
      'multipart without boundary',
    ]);
    const none = parseMimeTree(enc('Content-Type: multipart/mixed; boundary=z\n\nx'));
    assert.deepEqual(none.problems, ['no boundary found']);
    assert.deepEqual(none.children, []);
  });

  it('reads a part that lacks headers as all body', () => {
    const raw = enc('Content-Type: multipart/mixed; boundary=b\n\n--b\nJust text, no header\n--b--\n');
    const part = parseMimeTree(raw).children[0];
    assert.deepEqual(part?.problems, ['part without header']);
    assert.equal(body(raw, part), 'Just text, no header');
    const obsolete = enc(
      'Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type : text/html\n\nx\n--b--\n',
    );
    assert.equal(parseMimeTree(obsolete).children[0]?.contentType.value, 'text/html');
  });

  it('parses an embedded message in place, numbering its parts IMAP-style', () => {
    const inner = [
      'Subject: inner',
      'Content-Type: multipart/alternative; boundary=in',
      '',
      '--in',
      '',
      'plain',
      '--in',
      'Content-Type: text/html',
      '',
      '<p>html</p>',
      '--in--',
      '',
    ].join('\r\n');
    const raw = enc(
      [
        'Content-Type: multipart/mixed; boundary=out',
        '',
        '--out',
        '',
        'text',
        '--out',
        'Content-Type: message/rfc822; name="postacert.eml"',
        'Content-Disposition: inline; filename="postacert.eml"',
        '',
        inner,
        '--out--',
        '',
      ].join('\r\n'),
    );
    const root = parseMimeTree(raw);
    const attached = root.children[1];
    assert.equal(attached?.filename, 'postacert.eml');
    assert.equal(attached.path, '2');
    assert.equal(attached.children.length, 1);
    const message = attached.children[0];
    assert.equal(message?.path, '2');
    assert.equal(message.start, attached.bodyStart);
    assert.equal(getHeader(message.headers, 'subject'), 'inner');
    assert.equal(message.headers.fields[0]?.start, attached.bodyStart);
    assert.deepEqual(
      message.children.map((c) => [c.path, c.contentType.value, body(raw, c)]),
      [
        ['2.1', 'text/plain', 'plain'],
        ['2.2', 'text/html', '<p>html</p>'],
      ],
    );
  });

  it('does not parse an embedded message with an encoded body', () => {
    const raw = enc(
      'Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\nU3ViamVjdDogeA0KDQp5',
    );
    const root = parseMimeTree(raw);
    assert.deepEqual(root.children, []);
    assert.deepEqual(root.problems, ['encoded embedded message not parsed']);
  });

  it('reads file names from Content-Disposition, RFC 2231, RFC 2047 and Content-Type name', () => {
    const raw = enc(
      [
        'Content-Type: multipart/mixed; boundary=b',
        '',
        '--b',
        "Content-Disposition: attachment; filename*=utf-8''caf%C3%A8.pdf",
        '',
        '--b',
        'Content-Type: application/pdf; name="=?utf-8?Q?citt=C3=A0.pdf?="',
        '',
        '--b',
        'Content-Type: application/pdf; name="ignored.pdf"',
        'Content-Disposition: attachment;',
        '\tfilename*0="long-";',
        '\tfilename*1="name.pdf"',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        '--b--',
      ].join('\n'),
    );
    const names = parseMimeTree(raw).children.map((c) => c.filename);
    assert.deepEqual(names, ['caf\u00e8.pdf', 'citt\u00e0.pdf', 'long-name.pdf', undefined]);
    assert.equal(parseMimeTree(raw).children[0]?.disposition?.value, 'attachment');
  });

  it('uses message/rfc822 as the default type inside multipart/digest', () => {
    const raw = enc('Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: x\n\nbody\n--d--\n');
    const part = parseMimeTree(raw).children[0];
    assert.equal(part?.contentType.value, 'message/rfc822');
    const message = part.children[0];
    assert.ok(message !== undefined);
    assert.equal(getHeader(message.headers, 'subject'), 'x');
  });

  it('stops at the depth limit and reports it', () => {
    let doc = 'x';
    for (let i = 0; i < 60; i++)
      doc = `Content-Type: multipart/mixed; boundary=b${i}\n\n--b${i}\n${doc}\n--b${i}--\n`;
    const deep = parseMimeTree(enc(doc));
    assert.equal(depthOf(deep), 33);
    const limited = parseMimeTree(enc(doc), { maxDepth: 3 });
    assert.equal(depthOf(limited), 4);
    let node: MimeNode | undefined = limited;
    while (node !== undefined && node.children.length > 0) node = node.children[0];
    assert.deepEqual(node?.problems, ['maximum depth reached']);
    assert.equal(depthOf(parseMimeTree(enc(doc), { maxDepth: 1e9 })), 61);
  });

  it('stops at the part limit and reports it', () => {
    const raw = enc(`Content-Type: multipart/mixed; boundary=b\n\n${'--b\n\nx\n'.repeat(50)}--b--\n`);
    assert.equal(countNodes(parseMimeTree(raw)), 51);
    const limited = parseMimeTree(raw, { maxParts: 10 });
    assert.equal(countNodes(limited), 10);
    assert.deepEqual(limited.problems, ['maximum number of parts reached']);
  });

  it('handles empty input and a header without a body', () => {
    const empty = parseMimeTree(new Uint8Array());
    assert.deepEqual([empty.start, empty.end, empty.bodyStart, empty.bodyEnd], [0, 0, 0, 0]);
    const headerOnly = parseMimeTree(enc('Content-Type: multipart/mixed; boundary=b'));
    assert.deepEqual(headerOnly.children, []);
  });

  it('works on a subarray view of a larger buffer', () => {
    const whole = enc(`JUNK${multipart('\n')}JUNK`);
    const view = whole.subarray(4, whole.length - 4);
    const root = parseMimeTree(view);
    assert.equal(root.children.length, 2);
    assert.equal(body(view, root.children[0]), 'one');
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests

type Doc =
  | { readonly kind: 'leaf'; readonly lines: readonly string[]; readonly headerless: boolean }
  | { readonly kind: 'multipart'; readonly preamble: boolean; readonly parts: readonly Doc[] }
  | { readonly kind: 'message'; readonly inner: Doc };

const docArbitrary = fc.letrec<{ doc: Doc }>((tie) => ({
  doc: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      kind: fc.constant('leaf' as const),
      lines: fc.array(fc.stringMatching(/^[a-z :=]{0,12}$/), { maxLength: 4 }),
      headerless: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant('multipart' as const),
      preamble: fc.boolean(),
      parts: fc.array(tie('doc'), { minLength: 1, maxLength: 4 }),
    }),
    fc.record({ kind: fc.constant('message' as const), inner: tie('doc') }),
  ),
})).doc;

function serialize(doc: Doc, eol: string, counter: { next: number }, inMultipart: boolean): string {
  switch (doc.kind) {
    case 'leaf':
      if (doc.headerless && inMultipart) return `${eol}${doc.lines.join(eol)}`;
      return `Content-Type: text/plain${eol}${eol}${doc.lines.join(eol)}`;
    case 'message':
      return `Content-Type: message/rfc822${eol}${eol}${serialize(doc.inner, eol, counter, false)}`;
    case 'multipart': {
      const boundary = `=_b${counter.next++}`;
      const parts = doc.parts.map((p) => `--${boundary}${eol}${serialize(p, eol, counter, true)}${eol}`);
      return [
        `Content-Type: multipart/mixed; boundary="${boundary}"${eol}${eol}`,
        doc.preamble ? `preamble${eol}` : '',
        parts.join(''),
        `--${boundary}--${eol}`,
      ].join('');
    }
  }
}

function assertMatches(
  doc: Doc,
  node: MimeNode | undefined,
  raw: Uint8Array,
  eol: string,
  path: string,
): void {
  assert.ok(node !== undefined);
  assert.equal(node.path, path);
  switch (doc.kind) {
    case 'leaf':
      assert.equal(node.children.length, 0);
      assert.equal(body(raw, node), doc.lines.join(eol));
      break;
    case 'message':
      assert.equal(node.children.length, 1);
      assertMatches(doc.inner, node.children[0], raw, eol, path);
      break;
    case 'multipart':
      assert.deepEqual(node.problems, []);
      assert.equal(node.children.length, doc.parts.length);
      doc.parts.forEach((part, i) => {
        assertMatches(part, node.children[i], raw, eol, path === '' ? `${i + 1}` : `${path}.${i + 1}`);
      });
      break;
  }
}

describe('parseMimeTree properties', () => {
  it('rebuilds the structure of random multipart documents exactly', () => {
    fc.assert(
      fc.property(docArbitrary, fc.constantFrom('\r\n', '\n', '\r\r\n'), (doc, eol) => {
        const raw = enc(serialize(doc, eol, { next: 0 }, false));
        const root = parseMimeTree(raw);
        assertWellFormed(root, raw.length);
        assertMatches(doc, root, raw, eol, '');
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary bytes and keeps ranges nested and ordered', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        assertWellFormed(parseMimeTree(bytes), bytes.length);
      }),
      { numRuns: 500 },
    );
  });

  it('terminates quickly on adversarial MIME-like soup', () => {
    const piece = fc.constantFrom(
      'Content-Type: multipart/mixed; boundary=b\n',
      'Content-Type: message/rfc822\n',
      'Content-Type: multipart/digest; boundary=b\n',
      'Content-Transfer-Encoding: base64\n',
      '--b\n',
      '--b--\n',
      '--b',
      '\n',
      '\r\n',
      '\r',
      ' folded\n',
      'X: y\n',
      ':',
      'text',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 200 }),
        fc.integer({ min: 1, max: 40 }),
        (pieces, maxDepth) => {
          const raw = enc(pieces.join(''));
          const started = performance.now();
          const root = parseMimeTree(raw, { maxDepth, maxParts: 500 });
          assert.ok(performance.now() - started < 1000, 'parse time bounded');
          assertWellFormed(root, raw.length);
          assert.ok(countNodes(root) <= 500);
          assert.ok(depthOf(root) <= maxDepth + 1);
        },
      ),
      { numRuns: 500 },
    );
  });
});
