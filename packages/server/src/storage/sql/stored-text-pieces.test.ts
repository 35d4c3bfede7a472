// storedTexts: content-keyed pieces, small body pieces merged, seam windows around each junction.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pieceHash, seamReach, sharedPieceMinLength, storedTexts, textParts } from './stored-text-pieces.ts';

const large = (word: string): string => Array.from({ length: sharedPieceMinLength }, () => word).join(' ');

function entry(pieces: string[], header = 'subject: prova') {
  return { blobKey: 'k', header, body: pieces.join(' '), bodyPieces: pieces, addressesRegular: true };
}

void describe('storedTexts', () => {
  void it('stores the header, large body pieces alone, small neighbours merged, and the seams', () => {
    const body = large('corpo');
    const stored = storedTexts(entry(['busta', 'intestazione', body, 'daticert']));
    assert.deepEqual(
      stored.pieces.map((piece) => [piece.part, piece.position, piece.text.slice(0, 20)]),
      [
        [textParts.header, 0, 'subject: prova'],
        [textParts.body, 0, 'busta intestazione'],
        [textParts.body, 1, body.slice(0, 20)],
        [textParts.body, 2, 'daticert'],
        [textParts.seams, 0, 'busta intestazione c'],
      ],
    );
    assert.equal(stored.pieces[2]?.hash, pieceHash(body), 'keyed by content');
    assert.equal(stored.lossy, false);
  });

  void it('puts every needle of up to seamReach units spanning a junction in the seams', () => {
    const pieces = [large('alfa'), large('beta'), 'gamma'];
    const body = pieces.join(' ');
    const seams =
      storedTexts(entry(pieces)).pieces.find((piece) => piece.part === textParts.seams)?.text ?? '';
    let junction = -1;
    for (const piece of pieces.slice(0, -1)) {
      junction += piece.length + 1;
      for (const start of [junction - seamReach + 1, junction - 3, junction]) {
        const needle = body.slice(start, start + seamReach);
        assert.ok(seams.includes(needle), `needle at ${String(start)}`);
      }
    }
    assert.ok(!seams.includes(body.slice(junction - seamReach - 1, junction + 1)), 'no wider than needed');
  });

  void it('never splits a surrogate pair at a window edge, and marks texts it had to clean', () => {
    const emoji = '😀'.repeat(sharedPieceMinLength);
    const stored = storedTexts(entry([emoji, emoji]));
    const seams = stored.pieces.find((piece) => piece.part === textParts.seams)?.text ?? '';
    assert.equal((seams as string & { isWellFormed(): boolean }).isWellFormed(), true);
    assert.equal(stored.lossy, false);
    assert.equal(storedTexts(entry(['a\0b'])).lossy, true);
    assert.equal(storedTexts(entry(['a b'], 'x\uD800')).lossy, true);
  });

  void it('falls back to one piece when the pieces do not join to the body', () => {
    const stored = storedTexts({ ...entry(['uno', 'due']), body: 'uno-due' });
    assert.deepEqual(
      stored.pieces.filter((piece) => piece.part === textParts.body).map((piece) => piece.text),
      ['uno-due'],
    );
  });
});
