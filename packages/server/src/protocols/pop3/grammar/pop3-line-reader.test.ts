import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createPop3LineReader } from './pop3-line-reader.ts';

function collect(maxLineBytes: number) {
  const events: string[] = [];
  const reader = createPop3LineReader({
    maxLineBytes,
    onLine: (line) => events.push(line.toString('latin1')),
    onTooLong: () => events.push('<too long>'),
  });
  return {
    events,
    push: (text: string) => {
      reader.push(Buffer.from(text, 'latin1'));
    },
    reader,
  };
}

describe('createPop3LineReader', () => {
  it('splits at CRLF and bare LF and strips the terminator', () => {
    const { events, push } = collect(100);
    push('STAT\r\nLIST 1\nNOOP\r\n');
    assert.deepEqual(events, ['STAT', 'LIST 1', 'NOOP']);
  });

  it('joins a line sent in pieces, even with CR and LF in different chunks', () => {
    const { events, push } = collect(100);
    push('RE');
    push('TR 1\r');
    assert.deepEqual(events, []);
    push('\nQU');
    push('IT\r\n');
    assert.deepEqual(events, ['RETR 1', 'QUIT']);
  });

  it('keeps empty lines and a CR inside a line', () => {
    const { events, push } = collect(100);
    push('\r\n\nA\rB\r\n');
    assert.deepEqual(events, ['', '', 'A\rB']);
  });

  it('keeps bytes as they are (no decoding)', () => {
    const events: Buffer[] = [];
    const reader = createPop3LineReader({
      maxLineBytes: 100,
      onLine: (l) => events.push(l),
      onTooLong: () => 0,
    });
    reader.push(Buffer.from([0x50, 0x41, 0x53, 0x53, 0x20, 0xc3, 0xa8, 0x00, 0xff, 0x0d, 0x0a]));
    assert.deepEqual(events, [Buffer.from([0x50, 0x41, 0x53, 0x53, 0x20, 0xc3, 0xa8, 0x00, 0xff])]);
  });

  it('accepts a line of exactly the limit, terminator included, and refuses one byte more', () => {
    const { events, push } = collect(10);
    push('12345678\r\n');
    push('123456789\r\n');
    push('OK\r\n');
    assert.deepEqual(events, ['12345678', '<too long>', 'OK']);
  });

  it('reports an unterminated overlong line once, drops it to its end and resumes', () => {
    const { events, push, reader } = collect(8);
    push('AAAA');
    push('AAAA');
    assert.deepEqual(events, ['<too long>']);
    push('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    assert.equal(reader.pending, 0, 'nothing is buffered while skipping');
    push('AAA\r\nNOOP\r\n');
    assert.deepEqual(events, ['<too long>', 'NOOP']);
  });

  it('drops buffered bytes on reset (STLS)', () => {
    const { events, push, reader } = collect(100);
    push('STLS\r\nUSER injected');
    reader.reset();
    push('\r\nCAPA\r\n');
    assert.deepEqual(events, ['STLS', '', 'CAPA']);
  });

  it('gives the same lines however the stream is split', () => {
    const line = fc.stringMatching(/^[ -~]{0,20}$/);
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 10 }),
        fc.array(fc.nat(200), { maxLength: 10 }),
        (lines, cuts) => {
          const stream = Buffer.from(lines.map((l) => `${l}\r\n`).join(''), 'latin1');
          const seen: string[] = [];
          const reader = createPop3LineReader({
            maxLineBytes: 1000,
            onLine: (l) => seen.push(l.toString('latin1')),
            onTooLong: () => assert.fail('no line is too long'),
          });
          const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
          let from = 0;
          for (const point of [...points, stream.length]) {
            reader.push(stream.subarray(from, point));
            from = point;
          }
          assert.deepEqual(seen, lines);
        },
      ),
    );
  });
});
