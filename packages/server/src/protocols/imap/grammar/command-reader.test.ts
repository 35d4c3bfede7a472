import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createCommandReader, type CommandReaderOptions, type ReaderEvent } from './command-reader.ts';

const enc = new TextEncoder();
const limits: CommandReaderOptions = { maxLineBytes: 200, maxLiteralBytes: 100 };

/**
 * Feeds `bytes` in the given chunks and plays a simple session: after AUTHENTICATE or IDLE it asks
 * for one continuation line, after any other pause (and after a continuation line) it resumes.
 */
function drive(bytes: Uint8Array, cuts: readonly number[], options = limits): ReaderEvent[] {
  const reader = createCommandReader(options);
  const events: ReaderEvent[] = [];
  const react = (batch: ReaderEvent[]): void => {
    events.push(...batch);
    // A pause always follows the last event of a batch.
    const last = batch.at(-1);
    if (!reader.paused || last === undefined) return;
    if (last.kind === 'command' && (last.name === 'AUTHENTICATE' || last.name === 'IDLE')) {
      react(reader.readContinuationLine());
    } else {
      react(reader.resume());
    }
  };
  let previous = 0;
  for (const cut of [...cuts, bytes.length]) {
    react(reader.push(bytes.subarray(previous, cut)));
    previous = cut;
  }
  return events;
}

function all(input: string | Uint8Array, options = limits): ReaderEvent[] {
  return drive(typeof input === 'string' ? enc.encode(input) : input, [], options);
}

function commandsOf(events: readonly ReaderEvent[]): Array<Extract<ReaderEvent, { kind: 'command' }>> {
  return events.filter((e) => e.kind === 'command');
}

describe('createCommandReader: tokens', () => {
  it('reads tag, upper-cased name and an atom/quoted/list tree', () => {
    const [event] = all('a1 login "fred" (\\Seen "x y" (NIL 12)) BODY[HEADER.FIELDS (A "B")]<0.10>\r\n');
    assert.deepEqual(event, {
      kind: 'command',
      tag: 'a1',
      name: 'LOGIN',
      args: [
        { kind: 'quoted', value: 'fred' },
        {
          kind: 'list',
          items: [
            { kind: 'atom', value: '\\Seen' },
            { kind: 'quoted', value: 'x y' },
            {
              kind: 'list',
              items: [
                { kind: 'atom', value: 'NIL' },
                { kind: 'atom', value: '12' },
              ],
            },
          ],
        },
        { kind: 'atom', value: 'BODY[HEADER.FIELDS (A "B")]<0.10>' },
      ],
      raw: 'a1 login "fred" (\\Seen "x y" (NIL 12)) BODY[HEADER.FIELDS (A "B")]<0.10>',
    });
  });

  it('unescapes \\" and \\\\ in quoted strings and decodes UTF-8', () => {
    const [event] = all('t LOGIN "a\\"b\\\\c" "città"\r\n');
    assert.ok(event?.kind === 'command');
    assert.deepEqual(event.args, [
      { kind: 'quoted', value: 'a"b\\c' },
      { kind: 'quoted', value: 'città' },
    ]);
  });

  it('accepts bare LF like CRLF', () => {
    assert.deepEqual(
      all('a NOOP\nb CHECK\r\n').map((e) => (e.kind === 'command' ? e.tag : e.kind)),
      ['a', 'b'],
    );
  });

  it('keeps [Gmail]/Sent-style names and wildcards as atoms', () => {
    const [event] = all('x LIST "" [Gmail]/%\r\n');
    assert.deepEqual(event?.kind === 'command' ? event.args[1] : null, { kind: 'atom', value: '[Gmail]/%' });
  });

  it('ignores blank lines between commands', () => {
    assert.equal(commandsOf(all('\r\n\r\na NOOP\r\n\n')).length, 1);
  });
});

describe('createCommandReader: literals', () => {
  it('asks for a continuation before a synchronising literal and returns its exact bytes', () => {
    const events = all('A003 APPEND saved {7}\r\nab\r\n\0\xff\r\n');
    assert.deepEqual(events[0], { kind: 'continue-literal', tag: 'A003', size: 7 });
    const command = commandsOf(events)[0];
    const literal = command?.args[1];
    assert.ok(literal?.kind === 'literal');
    assert.deepEqual([...literal.bytes], [0x61, 0x62, 0x0d, 0x0a, 0, 0xc3, 0xbf]);
    assert.equal(command?.raw, 'A003 APPEND saved {7}\r\n');
  });

  it('does not ask for continuation for LITERAL+ {n+} and marks literal8 ~{n}', () => {
    const events = all('A APPEND x ~{3+}\r\n\0\0\0 {2}\r\nhi\r\n');
    assert.deepEqual(
      events.map((e) => e.kind),
      ['continue-literal', 'command'],
    );
    const args = commandsOf(events)[0]?.args ?? [];
    assert.deepEqual(args.slice(1), [
      { kind: 'literal', bytes: new Uint8Array([0, 0, 0]), binary: true, nonSync: true },
      { kind: 'literal', bytes: enc.encode('hi'), binary: false, nonSync: false },
    ]);
  });

  it('accepts a literal inside a list and a zero-length literal', () => {
    const args = commandsOf(all('A STORE 1 FLAGS ({0}\r\n)\r\n'))[0]?.args ?? [];
    assert.deepEqual(args[2], {
      kind: 'list',
      items: [{ kind: 'literal', bytes: new Uint8Array(0), binary: false, nonSync: false }],
    });
  });

  it('rejects a too-large synchronising literal and reads the next line as a command', () => {
    const events = all('A1 APPEND x {101}\r\nA2 NOOP\r\n');
    assert.deepEqual(events[0], {
      kind: 'error',
      tag: 'A1',
      code: 'literal-too-large',
      message: 'literal of 101 bytes exceeds 100',
    });
    assert.equal(commandsOf(events)[0]?.tag, 'A2');
  });

  it('swallows a too-large non-synchronising literal and the rest of its command', () => {
    const body = 'x'.repeat(150);
    const events = all(`A1 APPEND x {150+}\r\n${body} {3+}\r\nabc\r\nA2 NOOP\r\n`);
    assert.deepEqual(
      events.map((e) => e.kind),
      ['error', 'command'],
    );
    assert.equal(events[0]?.kind === 'error' ? events[0].code : '', 'literal-too-large');
    assert.equal(commandsOf(events)[0]?.tag, 'A2');
  });

  it('applies maxNonSyncLiteralBytes (LITERAL-, RFC 7888 §4)', () => {
    const events = all('A1 APPEND x {5+}\r\nhello\r\nA2 NOOP\r\n', { ...limits, maxNonSyncLiteralBytes: 4 });
    assert.deepEqual(
      events.map((e) => (e.kind === 'error' ? e.code : e.kind)),
      ['literal-too-large', 'command'],
    );
  });
});

describe('createCommandReader: errors and resynchronisation', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['A1 LOGIN "unterminated\r\n', 'unterminated quoted string', 'A1'],
    ['A1 LOGIN {abc}\r\n', 'bad literal announcement', 'A1'],
    ['A1 LOGIN {3} x\r\n', 'literal announcement must end the line', 'A1'],
    ['A1 FETCH 1 (FLAGS))\r\n', 'unbalanced ")"', 'A1'],
    ['A1 FETCH 1 ((FLAGS)\r\n', 'unclosed "("', 'A1'],
    ['A1 LOGIN "a\\b"\r\n', 'invalid escape in quoted string', 'A1'],
    ['A1 NO\0OP\r\n', 'unexpected control byte 0x00', 'A1'],
    ['A1\r\n', 'missing or invalid tag', undefined],
    ['A1 (x)\r\n', 'missing or invalid command name', 'A1'],
    ['A+1 NOOP\r\n', 'missing or invalid tag', undefined],
    ['"A1" NOOP\r\n', 'missing or invalid tag', undefined],
    ['A1 {3}\r\n', 'literal before the command name', 'A1'],
  ];
  for (const [input, message, tag] of cases) {
    it(`reports ${JSON.stringify(input)} as a syntax error and reads on`, () => {
      const events = all(`${input}Z9 NOOP\r\n`);
      const expected: ReaderEvent =
        tag === undefined
          ? { kind: 'error', code: 'syntax', message }
          : { kind: 'error', tag, code: 'syntax', message };
      assert.deepEqual(events[0], expected);
      assert.equal(events.length, 2);
      assert.equal(commandsOf(events)[0]?.tag, 'Z9');
    });
  }

  it('reports a line longer than maxLineBytes with its tag, without buffering it', () => {
    const long = `A7 LOGIN ${'x'.repeat(5000)}\r\nA8 NOOP\r\n`;
    const events = all(long);
    assert.deepEqual(events[0], {
      kind: 'error',
      tag: 'A7',
      code: 'line-too-long',
      message: 'line longer than 200 bytes',
    });
    assert.equal(commandsOf(events)[0]?.tag, 'A8');
    const reader = createCommandReader(limits);
    reader.push(enc.encode(`A7 LOGIN ${'x'.repeat(5000)}`));
    assert.ok(reader.bufferedBytes < 64);
  });

  it('accepts a line of exactly maxLineBytes with CRLF and rejects one byte more', () => {
    const line = (n: number): string => `A NOOP ${'x'.repeat(n - 7)}`;
    assert.equal(all(`${line(200)}\r\n`)[0]?.kind, 'command');
    assert.equal(all(`${line(201)}\r\n`)[0]?.kind, 'error');
    assert.equal(all(`${line(200)}\n`)[0]?.kind, 'command');
  });

  it('skips the non-synchronising literal announced at the end of an over-long line', () => {
    const events = all(`A7 APPEND ${'x'.repeat(300)} {4+}\r\nB1 X\r\nA8 NOOP\r\n`);
    assert.deepEqual(
      events.map((e) => e.kind),
      ['error', 'command'],
    );
    assert.equal(commandsOf(events)[0]?.tag, 'A8');
  });

  it('bounds list nesting', () => {
    const events = all(`A1 X ${'('.repeat(100)}\r\n`);
    assert.deepEqual(events[0], {
      kind: 'error',
      tag: 'A1',
      code: 'syntax',
      message: 'lists nested too deeply',
    });
  });
});

describe('createCommandReader: pauses and continuation lines', () => {
  it('delivers AUTHENTICATE response lines raw, then resumes command parsing', () => {
    const reader = createCommandReader(limits);
    const first = reader.push(enc.encode('A1 AUTHENTICATE PLAIN\r\ndGVzdAB0ZXN0AHRlc3Q=\r\nA2 NOOP\r\n'));
    assert.equal(first.length, 1);
    assert.equal(reader.paused, true);
    assert.deepEqual(reader.readContinuationLine(), [
      { kind: 'continuation-line', line: 'dGVzdAB0ZXN0AHRlc3Q=' },
    ]);
    assert.equal(reader.paused, true);
    const rest = reader.resume();
    assert.equal(commandsOf(rest)[0]?.tag, 'A2');
  });

  it('waits for the continuation line when it has not arrived yet', () => {
    const reader = createCommandReader(limits);
    reader.push(enc.encode('A1 IDLE\r\n'));
    assert.deepEqual(reader.readContinuationLine(), []);
    assert.deepEqual(reader.push(enc.encode('DO')), []);
    assert.deepEqual(reader.push(enc.encode('NE\r\n')), [{ kind: 'continuation-line', line: 'DONE' }]);
  });

  it('reports an over-long continuation line and pauses', () => {
    const reader = createCommandReader(limits);
    reader.push(enc.encode('A1 AUTHENTICATE PLAIN\r\n'));
    const events = reader.readContinuationLine().concat(reader.push(enc.encode('x'.repeat(500))));
    assert.deepEqual(events, [
      { kind: 'error', code: 'line-too-long', message: 'continuation line too long' },
    ]);
    assert.equal(reader.paused, true);
    assert.deepEqual(
      reader
        .resume()
        .concat(reader.push(enc.encode('xx\r\nA2 NOOP\r\n')))
        .map((e) => e.kind),
      ['command'],
    );
  });

  it('lets the session drop bytes pipelined after STARTTLS (RFC 3501 §6.2.1)', () => {
    const reader = createCommandReader(limits);
    const events = reader.push(enc.encode('A1 STARTTLS\r\nA2 LOGIN evil evil\r\n'));
    assert.equal(events.length, 1);
    assert.equal(reader.discardBuffered(), 'A2 LOGIN evil evil\r\n'.length);
    assert.deepEqual(reader.resume(), []);
  });

  it('honours a custom pauseAfter list', () => {
    const reader = createCommandReader({ ...limits, pauseAfter: [] });
    assert.equal(commandsOf(reader.push(enc.encode('A1 IDLE\r\nA2 NOOP\r\n'))).length, 2);
  });
});

const transcript = [
  'A1 CAPABILITY\r\n',
  'A2 AUTHENTICATE PLAIN\r\n',
  'AGJvYgBzZWNyZXQ=\r\n',
  'A3 LOGIN {3}\r\nbob {6+}\r\nsecret\r\n',
  'A4 APPEND INBOX (\\Seen) " 7-Feb-1994 21:52:25 -0800" {12}\r\nHi\r\n\r\nthere\r\n\r\n',
  'A5 UID FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (From To)]<0.512>) (CHANGEDSINCE 4)\n',
  'A6 LOGIN "broken\r\n',
  `A7 SEARCH ${'x'.repeat(250)}\r\n`,
  'A8 APPEND x {999}\r\n',
  'A9 APPEND x ~{3+}\r\n\0\r\n\r\n',
  'B1 IDLE\r\nDONE\r\n',
  'B2 LOGOUT\r\n',
].join('');

describe('createCommandReader: chunking never changes the result', () => {
  const bytes = enc.encode(transcript);
  const whole = drive(bytes, []);

  it('produces the expected event sequence for the transcript', () => {
    assert.deepEqual(
      whole.map((e) => (e.kind === 'command' ? `${e.tag} ${e.name}` : e.kind === 'error' ? e.code : e.kind)),
      [
        'A1 CAPABILITY',
        'A2 AUTHENTICATE',
        'continuation-line',
        'continue-literal',
        'A3 LOGIN',
        'continue-literal',
        'A4 APPEND',
        'A5 UID',
        'syntax',
        'line-too-long',
        'literal-too-large',
        'A9 APPEND',
        'B1 IDLE',
        'continuation-line',
        'B2 LOGOUT',
      ],
    );
  });

  it('gives identical events for a split at every byte boundary', () => {
    for (let cut = 1; cut < bytes.length; cut++)
      assert.deepEqual(drive(bytes, [cut]), whole, `split at ${cut}`);
  });

  it('gives identical events when fed one byte at a time', () => {
    assert.deepEqual(
      drive(
        bytes,
        Array.from({ length: bytes.length - 1 }, (_, i) => i + 1),
      ),
      whole,
    );
  });
});

/** Bytes biased towards IMAP syntax so that literals, quotes and lists actually occur. */
const imapByte = fc.oneof(
  fc.constantFrom(...enc.encode('A1 {}~+"\\()[]<>.:*%$ \r\n\r\n0123NIL')),
  fc.integer({ min: 0, max: 255 }),
);

function cutsArbitrary(length: number): fc.Arbitrary<number[]> {
  return fc
    .array(fc.integer({ min: 0, max: length }), { maxLength: 12 })
    .map((cuts) => [...new Set(cuts)].sort((a, b) => a - b));
}

describe('createCommandReader: property tests', () => {
  it('never throws and chunking never changes the events (arbitrary bytes)', () => {
    fc.assert(
      fc.property(
        fc
          .uint8Array({ maxLength: 400 })
          .chain((raw) => fc.tuple(fc.constant(raw), cutsArbitrary(raw.length))),
        ([raw, cuts]) => {
          const small = { maxLineBytes: 40, maxLiteralBytes: 30 };
          assert.deepEqual(drive(raw, cuts, small), drive(raw, [], small));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws and chunking never changes the events (IMAP-like bytes)', () => {
    fc.assert(
      fc.property(
        fc
          .array(imapByte, { maxLength: 400 })
          .map((a) => new Uint8Array(a))
          .chain((raw) => fc.tuple(fc.constant(raw), cutsArbitrary(raw.length))),
        ([raw, cuts]) => {
          const small = { maxLineBytes: 40, maxLiteralBytes: 30 };
          const whole = drive(raw, [], small);
          assert.deepEqual(drive(raw, cuts, small), whole);
          for (const event of whole) {
            if (event.kind === 'continue-literal') assert.ok(event.size <= 30);
            if (event.kind === 'command') assert.match(event.name, /^[A-Z][A-Z0-9.-]*$/);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads any sequence of well-formed commands back exactly', () => {
    const atom = fc.stringMatching(/^[A-Za-z0-9.\\-]{1,8}$/);
    const quoted = fc.string({ maxLength: 10 }).filter((s) => !/[\r\n\0]/.test(s));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(atom, quoted, fc.uint8Array({ maxLength: 20 })), { maxLength: 5 }),
        (items) => {
          let text = '';
          const chunks: Uint8Array[] = [];
          items.forEach(([a, q, lit], i) => {
            text = `T${i} CMD ${a} "${q.replace(/["\\]/g, '\\$&')}" {${lit.length}}\r\n`;
            chunks.push(enc.encode(text), lit, enc.encode('\r\n'));
          });
          const total = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
          let offset = 0;
          for (const c of chunks) {
            total.set(c, offset);
            offset += c.length;
          }
          const commands = commandsOf(all(total, { maxLineBytes: 1000, maxLiteralBytes: 1000 }));
          assert.equal(commands.length, items.length);
          commands.forEach((command, i) => {
            const [a, q, lit] = items[i]!;
            assert.deepEqual(command.args, [
              { kind: 'atom', value: a },
              { kind: 'quoted', value: q },
              { kind: 'literal', bytes: lit, binary: false, nonSync: false },
            ]);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
