import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeSaslPlain } from './decode-sasl-plain.ts';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('decodeSaslPlain', () => {
  it('decodes authzid, authcid and password (RFC 4616 examples)', () => {
    assert.deepEqual(decodeSaslPlain(b64('\u0000tim\u0000tanstaaftanstaaf')), {
      ok: true,
      credentials: { authzid: '', authcid: 'tim', password: 'tanstaaftanstaaf' },
    });
    assert.deepEqual(decodeSaslPlain(b64('Ursel\u0000Kurt\u0000xipj3plmq')), {
      ok: true,
      credentials: { authzid: 'Ursel', authcid: 'Kurt', password: 'xipj3plmq' },
    });
  });

  it('keeps UTF-8 passwords with spaces', () => {
    const decoded = decodeSaslPlain(b64('\u0000anna@pec.example.it\u0000pàss wörd'));
    assert.ok(decoded.ok);
    assert.equal(decoded.credentials.password, 'pàss wörd');
  });

  it('refuses malformed base64', () => {
    for (const bad of ['abc', 'ab=c', '****', 'YWJj ZA==', 'YQ===']) {
      assert.deepEqual(decodeSaslPlain(bad), { ok: false, reason: 'bad-base64' }, bad);
    }
  });

  it('refuses the empty response and wrong field counts or empty fields', () => {
    for (const message of [
      '',
      'user\u0000pass',
      '\u0000\u0000pass',
      '\u0000user\u0000',
      'a\u0000b\u0000c\u0000d',
    ]) {
      assert.deepEqual(decodeSaslPlain(message === '' ? '=' : b64(message)), {
        ok: false,
        reason: 'bad-message',
      });
    }
  });
});
