import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { getHeader, getHeaders, parseHeaderBlock } from '../../mail/header-block.ts';
import { bracketedMessageId, replaceMessageId } from './replace-message-id.ts';

const enc = (s: string): Uint8Array => Buffer.from(s, 'latin1');
const text = (b: Uint8Array): string => Buffer.from(b).toString('latin1');
const id = 'opec1.20251113163926.1.1.1.1@pec.example.it';

/** The message with every Message-ID and X-Riferimento-Message-ID field removed. */
function withoutIdFields(bytes: Uint8Array): string {
  const block = parseHeaderBlock(bytes);
  let out = '';
  let position = 0;
  for (const f of block.fields) {
    if (!/^(message-id|x-riferimento-message-id)$/i.test(f.name)) continue;
    out += text(bytes.subarray(position, f.start));
    position = f.end;
  }
  return out + text(bytes.subarray(position));
}

describe('replaceMessageId', () => {
  it('replaces the Message-ID in place and adds X-Riferimento-Message-ID after it', () => {
    const original = enc('From: a@b.it\r\nMessage-ID:  <x1@client>\r\nSubject: s\r\n\r\nbody\r\n');
    const result = replaceMessageId(original, id);
    assert.equal(result.originalMessageId, '<x1@client>');
    assert.equal(
      text(result.bytes),
      `From: a@b.it\r\nMessage-ID: <${id}>\r\nX-Riferimento-Message-ID: <x1@client>\r\nSubject: s\r\n\r\nbody\r\n`,
    );
  });

  it('inserts a Message-ID at the end of the header when there is none, with no reference', () => {
    const result = replaceMessageId(enc('From: a@b.it\nSubject: s\n\nbody'), id);
    assert.equal(result.originalMessageId, undefined);
    assert.equal(text(result.bytes), `From: a@b.it\nSubject: s\nMessage-ID: <${id}>\n\nbody`);
  });

  it('handles a header without body or final line break', () => {
    assert.equal(
      text(replaceMessageId(enc('From: a@b.it'), id).bytes),
      `From: a@b.it\r\nMessage-ID: <${id}>\r\n`,
    );
  });

  it('unfolds a folded Message-ID and drops duplicates and forged references', () => {
    const original = enc(
      'Message-ID:\r\n <x1@client>\r\nX-Riferimento-Message-ID: <forged@x>\r\nTo: c@d.it\r\nmessage-id: <x2@client>\r\n\r\n',
    );
    const result = replaceMessageId(original, `<${id}>`);
    const block = parseHeaderBlock(result.bytes);
    assert.deepEqual(getHeaders(block, 'message-id'), [`<${id}>`]);
    assert.deepEqual(getHeaders(block, 'x-riferimento-message-id'), ['<x1@client>']);
    assert.equal(getHeader(block, 'to'), 'c@d.it');
  });

  it('refuses an identifier that is not a msg-id', () => {
    assert.throws(() => replaceMessageId(enc('From: a@b.it\r\n\r\n'), 'not an id'), RangeError);
  });

  it('changes nothing but the replaced and added fields (property)', () => {
    const fieldName = fc.constantFrom(
      'From',
      'To',
      'Subject',
      'Received',
      'Message-ID',
      'X-Riferimento-Message-ID',
      'X-Other',
    );
    const value = fc.string({ unit: fc.constantFrom('a', 'b', '<', '>', '@', ' ', 'è', '.'), maxLength: 30 });
    const field = fc
      .tuple(fieldName, value, fc.boolean())
      .map(([n, v, folded]) => `${n}: ${folded ? `${v}\r\n\t${v}` : v}`);
    const body = fc.string({
      unit: fc.constantFrom('x', '\r\n', '\n', 'Message-ID: <b@b>', ' '),
      maxLength: 20,
    });
    fc.assert(
      fc.property(
        fc.array(field, { maxLength: 8 }),
        fc.constantFrom('\r\n', '\n'),
        body,
        (fields, br, tail) => {
          const original = enc(fields.map((f) => f.replace(/\r\n/g, br) + br).join('') + br + tail);
          const result = replaceMessageId(original, id);
          assert.equal(withoutIdFields(result.bytes), withoutIdFields(original));
          const block = parseHeaderBlock(result.bytes);
          assert.deepEqual(getHeaders(block, 'message-id'), [`<${id}>`]);
          const first = getHeader(parseHeaderBlock(original), 'message-id');
          const expected = bracketedMessageId(first);
          assert.equal(result.originalMessageId, expected);
          assert.deepEqual(
            getHeaders(block, 'x-riferimento-message-id'),
            expected === undefined ? [] : [expected],
          );
          assert.equal(text(result.bytes.subarray(block.bodyStart)), tail);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('bracketedMessageId', () => {
  it('normalises what clients write', () => {
    assert.equal(bracketedMessageId(' <a@b> (comment)'), '<a@b>');
    assert.equal(bracketedMessageId('a@b'), '<a@b>');
    assert.equal(bracketedMessageId(''), undefined);
    assert.equal(bracketedMessageId(undefined), undefined);
  });
});
