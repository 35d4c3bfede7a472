// Round trip between the request and the response side: what a FETCH asks for is what the FETCH
// response must name (RFC 9051 §7.5.2: same section, no .PEEK, origin only for partials).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createCommandReader } from './command-reader.ts';
import { parseFetchAttribute, type FetchAttribute } from './commands/parse-fetch.ts';
import { parseCommand } from './parse-command.ts';
import type { FetchItem } from './responses/fetch-response.ts';
import { renderResponse } from './responses/render-response.ts';

function answer(attribute: FetchAttribute): FetchItem {
  const data = new TextEncoder().encode('x');
  if (attribute.kind === 'BODY[]') {
    return attribute.partial === null
      ? { kind: 'BODY[]', section: attribute.section, data }
      : { kind: 'BODY[]', section: attribute.section, origin: attribute.partial.offset, data };
  }
  if (attribute.kind === 'BINARY[]') return { kind: 'BINARY[]', part: attribute.part, data };
  throw new Error('unexpected attribute');
}

function rendered(request: string): string {
  const bytes = renderResponse({ kind: 'fetch', sequence: 1, items: [answer(parseFetchAttribute(request))] });
  return new TextDecoder().decode(bytes);
}

describe('FETCH section echo', () => {
  it('names the section as requested, without .PEEK, with the partial origin', () => {
    assert.equal(
      rendered('BODY.PEEK[HEADER.FIELDS (From To)]<0.100>'),
      '* 1 FETCH (BODY[HEADER.FIELDS (From To)]<0> "x")\r\n',
    );
    assert.equal(rendered('body[1.2.mime]'), '* 1 FETCH (BODY[1.2.MIME] "x")\r\n');
    assert.equal(rendered('BODY[]<10.5>'), '* 1 FETCH (BODY[]<10> "x")\r\n');
    assert.equal(rendered('BINARY.PEEK[3.1]'), '* 1 FETCH (BINARY[3.1] "x")\r\n');
  });

  it('parses any well-formed section request and echoes it canonically (property)', () => {
    const part = fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 3 });
    const field = fc.constantFrom('From', 'To', 'Subject', 'X-Ricevuta', 'Message-ID');
    const text = fc.oneof(
      fc.constant(''),
      fc.constant('HEADER'),
      fc.constant('TEXT'),
      fc.array(field, { minLength: 1, maxLength: 4 }).map((f) => `HEADER.FIELDS (${f.join(' ')})`),
      fc.array(field, { minLength: 1, maxLength: 4 }).map((f) => `HEADER.FIELDS.NOT (${f.join(' ')})`),
    );
    fc.assert(
      fc.property(part, text, fc.boolean(), (p, t, peek) => {
        const spec = [p.join('.'), t].filter((s) => s !== '').join('.');
        const attribute = parseFetchAttribute(`BODY${peek ? '.PEEK' : ''}[${spec}]`);
        assert.ok(attribute.kind === 'BODY[]');
        assert.equal(attribute.peek, peek);
        assert.equal(rendered(`BODY[${spec}]`), `* 1 FETCH (BODY[${spec}] "x")\r\n`);
      }),
    );
  });
});

describe('parseCommand on arbitrary reader output', () => {
  it('never throws, whatever the token tree (property)', () => {
    const words = [
      'FETCH',
      'UID',
      'SEARCH',
      'STORE',
      'LIST',
      'SELECT',
      'APPEND',
      'STATUS',
      'SORT',
      'THREAD',
      'ID',
      'OR',
      'NOT',
      'BODY[',
      'RETURN',
      'CHARSET',
      '1:*',
      '$',
      '(',
      ')',
      '{2+}\r\nab',
      '"q"',
      'NIL',
      '\\Seen',
      '+FLAGS',
      'MODSEQ',
      'HEADER',
      '1-Feb-1994',
      'QRESYNC',
      '(CONDSTORE)',
      'BODY.PEEK[HEADER.FIELDS (A)]<0.5>',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 14 }), (tokens) => {
        const reader = createCommandReader({ maxLineBytes: 1000, maxLiteralBytes: 100, pauseAfter: [] });
        const events = reader.push(new TextEncoder().encode(`t ${tokens.join(' ')}\r\n`));
        for (const event of events) {
          if (event.kind !== 'command') continue;
          const result = parseCommand(event);
          assert.equal(result.tag, 't');
        }
      }),
      { numRuns: 2000 },
    );
  });
});
