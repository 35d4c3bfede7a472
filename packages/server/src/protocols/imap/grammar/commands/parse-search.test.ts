import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCommandReader } from '../command-reader.ts';
import { parseCommand } from '../parse-command.ts';
import { searchKeyUsesModseq, type SearchKey } from '../search-key.ts';
import type { SearchCommand } from './parse-search.ts';

const enc = new TextEncoder();

function search(line: string): SearchCommand | string {
  const reader = createCommandReader({ maxLineBytes: 100_000, maxLiteralBytes: 1000 });
  const command = reader.push(enc.encode(`${line}\r\n`)).find((e) => e.kind === 'command');
  assert.ok(command?.kind === 'command', line);
  const parsed = parseCommand(command);
  if (!parsed.ok) return parsed.message;
  assert.equal(parsed.name, 'SEARCH');
  return parsed;
}

function criteria(line: string): SearchKey {
  const result = search(`a SEARCH ${line}`);
  assert.ok(typeof result !== 'string', `${line}: ${JSON.stringify(result)}`);
  return result.criteria;
}

const d = (year: number, month: number, day: number): { year: number; month: number; day: number } => ({
  year,
  month,
  day,
});

describe('parseSearch: every RFC 3501 key', () => {
  const cases: Array<[string, SearchKey]> = [
    ['ALL', { kind: 'all' }],
    ['answered', { kind: 'answered' }],
    ['BCC "a@b"', { kind: 'bcc', value: 'a@b' }],
    ['BEFORE 1-Feb-1994', { kind: 'before', date: d(1994, 2, 1) }],
    ['BODY {5+}\r\nhello', { kind: 'body', value: 'hello' }],
    ['CC x', { kind: 'cc', value: 'x' }],
    ['DELETED', { kind: 'deleted' }],
    ['DRAFT', { kind: 'draft' }],
    ['FLAGGED', { kind: 'flagged' }],
    ['FROM "Smith"', { kind: 'from', value: 'Smith' }],
    ['HEADER Message-ID "<x@y>"', { kind: 'header', field: 'Message-ID', value: '<x@y>' }],
    ['HEADER X-Ricevuta ""', { kind: 'header', field: 'X-Ricevuta', value: '' }],
    ['KEYWORD $Forwarded', { kind: 'keyword', flag: '$Forwarded' }],
    ['LARGER 1024', { kind: 'larger', size: 1024 }],
    ['NEW', { kind: 'new' }],
    ['OLD', { kind: 'old' }],
    ['ON "07-Jul-2024"', { kind: 'on', date: d(2024, 7, 7) }],
    ['RECENT', { kind: 'recent' }],
    ['SEEN', { kind: 'seen' }],
    ['SENTBEFORE 1-Jan-2000', { kind: 'sentBefore', date: d(2000, 1, 1) }],
    ['SENTON 29-Feb-2024', { kind: 'sentOn', date: d(2024, 2, 29) }],
    ['SENTSINCE 31-Dec-1999', { kind: 'sentSince', date: d(1999, 12, 31) }],
    ['SINCE 1-feb-1994', { kind: 'since', date: d(1994, 2, 1) }],
    ['SMALLER 10', { kind: 'smaller', size: 10 }],
    ['SUBJECT "ACCETTAZIONE: prova"', { kind: 'subject', value: 'ACCETTAZIONE: prova' }],
    ['TEXT "string not in mailbox"', { kind: 'text', value: 'string not in mailbox' }],
    ['TO me', { kind: 'to', value: 'me' }],
    ['UID 1:*', { kind: 'uid', set: { kind: 'ranges', ranges: [{ start: 1, end: '*' }] } }],
    ['UNANSWERED', { kind: 'unanswered' }],
    ['UNDELETED', { kind: 'undeleted' }],
    ['UNDRAFT', { kind: 'undraft' }],
    ['UNFLAGGED', { kind: 'unflagged' }],
    ['UNKEYWORD Junk', { kind: 'unkeyword', flag: 'Junk' }],
    ['UNSEEN', { kind: 'unseen' }],
    [
      '2:4,7',
      {
        kind: 'sequence',
        set: {
          kind: 'ranges',
          ranges: [
            { start: 2, end: 4 },
            { start: 7, end: 7 },
          ],
        },
      },
    ],
    ['$', { kind: 'sequence', set: { kind: 'saved' } }],
    ['*', { kind: 'sequence', set: { kind: 'ranges', ranges: [{ start: '*', end: '*' }] } }],
    ['YOUNGER 3600', { kind: 'younger', seconds: 3600 }],
    ['OLDER 60', { kind: 'older', seconds: 60 }],
    ['MODSEQ 620162338', { kind: 'modseq', modseq: 620162338, entry: null }],
    [
      'MODSEQ "/flags/\\\\draft" all 620162338',
      { kind: 'modseq', modseq: 620162338, entry: { name: '/flags/\\draft', type: 'all' } },
    ],
  ];
  for (const [text, expected] of cases) {
    it(text.replace(/\r\n/g, ' '), () => {
      assert.deepEqual(criteria(text), expected);
    });
  }
});

describe('parseSearch: structure', () => {
  it('ANDs top-level keys and nests OR / NOT / parentheses', () => {
    assert.deepEqual(criteria('FLAGGED SINCE 1-Feb-1994 NOT FROM "Smith"'), {
      kind: 'and',
      keys: [
        { kind: 'flagged' },
        { kind: 'since', date: d(1994, 2, 1) },
        { kind: 'not', key: { kind: 'from', value: 'Smith' } },
      ],
    });
    assert.deepEqual(criteria('OR (FROM a TO b) NOT OR SEEN (DELETED)'), {
      kind: 'or',
      left: {
        kind: 'and',
        keys: [
          { kind: 'from', value: 'a' },
          { kind: 'to', value: 'b' },
        ],
      },
      right: { kind: 'not', key: { kind: 'or', left: { kind: 'seen' }, right: { kind: 'deleted' } } },
    });
  });

  it('reads RETURN and CHARSET in the RFC order', () => {
    const result = search('A282 UID SEARCH RETURN (MIN COUNT save) CHARSET utf-8 TEXT {3+}\r\nabc');
    assert.ok(typeof result !== 'string');
    assert.deepEqual(
      [result.uid, result.returnOptions, result.charset],
      [true, ['MIN', 'COUNT', 'SAVE'], 'UTF-8'],
    );
    const empty = search('A283 SEARCH RETURN () FLAGGED');
    assert.deepEqual(typeof empty === 'string' ? empty : empty.returnOptions, ['ALL']);
    const plain = search('A SEARCH ALL');
    assert.deepEqual(typeof plain === 'string' ? plain : [plain.returnOptions, plain.charset], [null, null]);
  });

  it('reads the RFC 5267 §4 options: UPDATE kept, CONTEXT a hint only', () => {
    const live = search('B01 UID SEARCH RETURN (update ALL) UNSEEN');
    assert.deepEqual(typeof live === 'string' ? live : live.returnOptions, ['UPDATE', 'ALL']);
    const alone = search('B02 SEARCH RETURN (UPDATE) UNSEEN');
    assert.deepEqual(typeof alone === 'string' ? alone : alone.returnOptions, ['UPDATE']);
    const hint = search('B03 SEARCH RETURN (CONTEXT) UNSEEN');
    assert.deepEqual(typeof hint === 'string' ? hint : hint.returnOptions, ['ALL']);
    const both = search('B04 SEARCH RETURN (CONTEXT COUNT) UNSEEN');
    assert.deepEqual(typeof both === 'string' ? both : both.returnOptions, ['COUNT']);
    assert.equal(search('B05 SEARCH RETURN (UPDATE UPDATE) ALL'), 'UPDATE given twice');
  });

  it('decodes literal search strings as UTF-8', () => {
    const key = criteria('CHARSET UTF-8 SUBJECT {6+}\r\ncittà');
    assert.deepEqual(key, { kind: 'subject', value: 'città' });
  });

  it('detects MODSEQ anywhere in the tree', () => {
    assert.equal(searchKeyUsesModseq(criteria('OR SEEN NOT (MODSEQ 5)')), true);
    assert.equal(searchKeyUsesModseq(criteria('OR SEEN NOT (UNSEEN)')), false);
  });

  it('rejects malformed criteria', () => {
    for (const [line, message] of [
      ['a SEARCH', 'missing search criteria'],
      ['a SEARCH ()', 'missing search criteria'],
      ['a SEARCH OR SEEN', 'missing search key'],
      ['a SEARCH NOT', 'missing search key'],
      ['a SEARCH SINCE 30-Feb-2024', 'SINCE: invalid date'],
      ['a SEARCH SINCE yesterday', 'SINCE: invalid date'],
      ['a SEARCH LARGER big', 'LARGER size: expected a 63-bit number'],
      ['a SEARCH FOO', 'unknown search key FOO'],
      ['a SEARCH 2:4,$', 'unknown search key 2:4,$'],
      ['a SEARCH 0', 'unknown search key 0'],
      ['a SEARCH UID', 'missing UID set'],
      ['a SEARCH HEADER Subject', 'missing HEADER value'],
      ['a SEARCH RETURN (BOGUS) ALL', 'unknown search return option BOGUS'],
      ['a SEARCH MODSEQ "/flags/x" bogus 5', 'invalid MODSEQ entry type'],
      ['a SEARCH "ALL"', 'search key: expected a keyword'],
      ['a SEARCH KEYWORD (x)', 'KEYWORD flag: expected an atom'],
    ]) {
      assert.equal(search(line ?? ''), message, line);
    }
  });

  it('bounds NOT chains so hostile input cannot exhaust the stack', () => {
    assert.equal(search(`a SEARCH ${'NOT '.repeat(5000)}ALL`), 'search criteria nested too deeply');
  });
});
