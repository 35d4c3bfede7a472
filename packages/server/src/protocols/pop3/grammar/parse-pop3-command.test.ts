import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLineCount, parseMessageNumber, parsePop3Command } from './parse-pop3-command.ts';

const parse = (text: string) => parsePop3Command(Buffer.from(text, 'utf8'));

describe('parsePop3Command', () => {
  it('upper-cases the keyword and splits arguments at single spaces', () => {
    assert.deepEqual(parse('top 1 10'), {
      ok: true,
      command: { keyword: 'TOP', args: ['1', '10'], rest: '1 10' },
    });
    assert.deepEqual(parse('Stat'), { ok: true, command: { keyword: 'STAT', args: [], rest: '' } });
  });

  it('keeps the whole rest of the line for PASS, spaces included', () => {
    assert.deepEqual(parse('PASS  secret with spaces '), {
      ok: true,
      command: { keyword: 'PASS', args: ['', 'secret', 'with', 'spaces', ''], rest: ' secret with spaces ' },
    });
  });

  it('decodes UTF-8 arguments', () => {
    const parsed = parse('PASS pàssword€');
    assert.ok(parsed.ok);
    assert.equal(parsed.command.rest, 'pàssword€');
  });

  it('refuses empty lines and keywords that are not three or four letters', () => {
    assert.deepEqual(parse(''), { ok: false, reason: 'empty' });
    assert.deepEqual(parse('   '), { ok: false, reason: 'empty' });
    for (const line of [
      'ST',
      'STATS',
      'RET1 1',
      ' STAT',
      'CONNECT example.org:443 HTTP/1.1',
      'ÜSER x',
      'A\u0000BC',
    ]) {
      assert.deepEqual(parse(line), { ok: false, reason: 'bad-keyword' }, line);
    }
  });
});

describe('parseMessageNumber', () => {
  it('accepts positive decimal numbers only', () => {
    assert.equal(parseMessageNumber('1'), 1);
    assert.equal(parseMessageNumber('2147483647'), 2147483647);
    for (const bad of [
      undefined,
      '',
      '0',
      '01',
      '-1',
      '+1',
      '1.0',
      '1e3',
      ' 1',
      '0x10',
      '2147483648',
      '99999999999',
    ]) {
      assert.equal(parseMessageNumber(bad), undefined, String(bad));
    }
  });
});

describe('parseLineCount', () => {
  it('accepts zero and caps very large counts', () => {
    assert.equal(parseLineCount('0'), 0);
    assert.equal(parseLineCount('007'), 7);
    assert.equal(parseLineCount('99999999999999999999'), 2147483647);
    for (const bad of [undefined, '', '-1', '1.5', 'ten', '999999999999999999999']) {
      assert.equal(parseLineCount(bad), undefined, String(bad));
    }
  });
});
