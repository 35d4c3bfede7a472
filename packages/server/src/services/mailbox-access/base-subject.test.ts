import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseSubject, subjectCollationKey } from './base-subject.ts';

describe('baseSubject (RFC 5256 §2.1)', () => {
  const cases: Array<[string | null, string, boolean]> = [
    ['foo', 'foo', false],
    ['Re: foo', 'foo', true],
    ['RE: Re: re:foo', 'foo', true],
    ['Fwd: foo', 'foo', true],
    ['Fw: foo', 'foo', true],
    ['foo (fwd)', 'foo', true],
    ['foo (FWD) (fwd)  ', 'foo', true],
    ['[fwd: foo]', 'foo', true],
    ['[Fwd: Re: foo (fwd)]', 'foo', true],
    ['Re: [fwd: [list] Re: foo]', 'foo', true],
    ['[list] foo', 'foo', false],
    ['[list] Re: foo', 'foo', true],
    ['[a][b] [c] foo', 'foo', false],
    ['re [ticket 42]: foo', 'foo', true],
    ['[list]', '[list]', false],
    ['[list]   ', '[list]', false],
    ['Rebus: foo', 'Rebus: foo', false],
    ['Fwdx: foo', 'Fwdx: foo', false],
    ['   foo\t\tbar   ', 'foo bar', false],
    ['=?UTF-8?Q?Re:_perch=C3=A9?=', 'perché', true],
    ['=?ISO-8859-1?Q?R=E9sum=E9?= (fwd)', 'Résumé', true],
    ['POSTA CERTIFICATA: Re: contratto', 'POSTA CERTIFICATA: Re: contratto', false],
    ['', '', false],
    [null, '', false],
  ];
  for (const [subject, base, replyOrForward] of cases) {
    it(`${JSON.stringify(subject)} → ${JSON.stringify(base)}`, () => {
      assert.deepEqual(baseSubject(subject), { text: base, isReplyOrForward: replyOrForward });
    });
  }

  it('is idempotent', () => {
    for (const [subject] of cases) {
      const once = baseSubject(subject).text;
      assert.equal(baseSubject(once).text, once);
    }
  });
});

describe('subjectCollationKey', () => {
  it('folds case and compatibility forms', () => {
    assert.equal(subjectCollationKey('FATTURA ﬁne'), subjectCollationKey('fattura fine'));
    assert.notEqual(subjectCollationKey('a'), subjectCollationKey('b'));
  });
});
