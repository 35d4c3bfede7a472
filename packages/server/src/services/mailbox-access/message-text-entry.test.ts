// bodyPieces: the folded body cut where its parts meet, joined by one space back to the folded whole.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldSearchText } from './message-search-text.ts';
import { bodyPieces } from './message-text-entry.ts';

function piecesOf(parts: string[]): string[] {
  const body = foldSearchText(parts.join('\n'));
  const pieces = bodyPieces(parts, body);
  assert.equal(pieces.join(' '), body, 'the pieces join to the folded body');
  return pieces;
}

void describe('bodyPieces', () => {
  void it('cuts the folded body at each part', () => {
    assert.deepEqual(piecesOf(['Messaggio di Posta', 'ORIGINALE\r\n\r\n', '<xml/>']), [
      'messaggio di posta',
      'originale',
      '<xml/>',
    ]);
  });

  void it('keeps white space at either end and drops parts with nothing but white space', () => {
    assert.deepEqual(piecesOf(['  uno', ' \t ', 'due  ']), [' uno', 'due ']);
    assert.deepEqual(piecesOf(['', 'solo']), [' solo']);
    assert.deepEqual(piecesOf([' ', '']), [' ']);
    assert.deepEqual(piecesOf([]), []);
  });

  void it('folds each part as the whole folds it (final sigma, compatibility forms)', () => {
    assert.deepEqual(piecesOf(['ΟΔΟΣ', 'ΣΟΦΙΑ ﬁne']), ['οδος', 'σοφια fine']);
  });

  void it('gives one piece when the parts do not join to the body given', () => {
    assert.deepEqual(bodyPieces(['uno', 'due'], 'uno-due'), ['uno-due']);
    assert.deepEqual(bodyPieces(['uno'], ''), []);
  });
});
