import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { longestLineOctets } from './longest-line.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('longestLineOctets', () => {
  it('counts each line with its line ending', () => {
    assert.equal(longestLineOctets(bytes('ab\r\nabcd\r\nx')), 6);
    assert.equal(longestLineOctets(bytes('abc\nab\n')), 4);
  });

  it('counts a last line without a line ending, and an empty message as 0', () => {
    assert.equal(longestLineOctets(bytes('a\r\nabcdefgh')), 8);
    assert.equal(longestLineOctets(bytes('')), 0);
  });

  it('finds a 100 KB header line', () => {
    const long = `Subject: ${'x'.repeat(100_000)}`;
    assert.equal(longestLineOctets(bytes(`From: a@b.it\r\n${long}\r\n\r\nbody\r\n`)), long.length + 2);
  });
});
