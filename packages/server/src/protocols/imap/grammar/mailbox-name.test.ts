import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeMailboxName, encodeMailboxName, normalizeInbox } from './mailbox-name.ts';

describe('modified UTF-7 mailbox names (RFC 3501 §5.1.3)', () => {
  it('decodes and encodes the RFC example', () => {
    assert.equal(decodeMailboxName('~peter/mail/&U,BTFw-/&ZeVnLIqe-'), '~peter/mail/台北/日本語');
    assert.equal(encodeMailboxName('~peter/mail/台北/日本語'), '~peter/mail/&U,BTFw-/&ZeVnLIqe-');
  });

  it('handles & and accented Italian names', () => {
    assert.equal(encodeMailboxName('Posta & Ricevute'), 'Posta &- Ricevute');
    assert.equal(decodeMailboxName('Posta &- Ricevute'), 'Posta & Ricevute');
    assert.equal(encodeMailboxName('Città'), 'Citt&AOA-');
    assert.equal(decodeMailboxName('Citt&AOA-'), 'Città');
    assert.equal(encodeMailboxName('😀'), '&2D3eAA-');
    assert.equal(decodeMailboxName('&2D3eAA-'), '😀');
  });

  it('rejects ill-formed shifts', () => {
    for (const bad of ['&', '&AOA', '&AGE-', '&A-', '&AOF-', '&2D0-', '&!!-', '&AOA=-']) {
      assert.equal(decodeMailboxName(bad), null, bad);
    }
  });

  it('treats INBOX case-insensitively and nothing else', () => {
    assert.equal(normalizeInbox('inBox'), 'INBOX');
    assert.equal(decodeMailboxName('inbox'), 'INBOX');
    assert.equal(encodeMailboxName('Inbox'), 'INBOX');
    assert.equal(decodeMailboxName('inbox/Sub'), 'inbox/Sub');
    assert.equal(decodeMailboxName('Inboxes'), 'Inboxes');
  });

  it('passes names through untouched in UTF-8 mode', () => {
    assert.equal(decodeMailboxName('Citt&AOA-', { utf8: true }), 'Citt&AOA-');
    assert.equal(encodeMailboxName('Città & co', { utf8: true }), 'Città & co');
  });

  it('round-trips any Unicode name (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (name) => {
        const wire = encodeMailboxName(name);
        assert.match(wire, /^[\x20-\x7e]*$/);
        assert.equal(decodeMailboxName(wire), normalizeInbox(name));
      }),
    );
  });
});
