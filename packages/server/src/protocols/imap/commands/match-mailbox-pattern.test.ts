import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { matchesMailboxPattern } from './match-mailbox-pattern.ts';

const match = (pattern: string, name: string) => matchesMailboxPattern(pattern, name, '/');

/** The obvious (backtracking) definition, for small inputs. */
function reference(pattern: string, name: string): boolean {
  const source = Array.from(pattern)
    .map((ch) => (ch === '*' ? '.*' : ch === '%' ? '[^/]*' : ch.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'su').test(name);
}

describe('matchesMailboxPattern', () => {
  it('follows RFC 9051 §6.3.9 for * and %', () => {
    assert.equal(match('*', 'a/b/c'), true);
    assert.equal(match('%', 'a/b'), false);
    assert.equal(match('%', 'a'), true);
    assert.equal(match('a/%', 'a/b'), true);
    assert.equal(match('a/%', 'a/b/c'), false);
    assert.equal(match('a*', 'a/b/c'), true);
    assert.equal(match('%/c', 'b/c'), true);
    assert.equal(match('', ''), true);
    assert.equal(match('Sent', 'sent'), false);
  });

  it('matches INBOX case-insensitively, also as a first level', () => {
    assert.equal(match('inbox', 'INBOX'), true);
    assert.equal(match('Inbox/%', 'INBOX/Sub'), true);
    assert.equal(match('inboxes', 'INBOX'), false);
  });

  it('agrees with the regular-expression definition', () => {
    const chars = fc.constantFrom('a', 'b', '/', '*', '%', 'è');
    const nameChars = fc.constantFrom('a', 'b', '/', 'è');
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 8 }).map((c) => c.join('')),
        fc.array(nameChars, { maxLength: 10 }).map((c) => c.join('')),
        (pattern, name) => {
          assert.equal(match(pattern, name), reference(pattern, name));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('stays fast on hostile patterns', () => {
    const started = Date.now();
    assert.equal(match(`${'*a'.repeat(200)}b`, 'a'.repeat(255)), false);
    assert.ok(Date.now() - started < 2000, 'a backtracking matcher would take far longer');
  });
});
