import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isIdleDone } from './parse-idle.ts';
import { decodeBase64, parseAuthenticateResponse } from './parse-login-authenticate.ts';

describe('AUTHENTICATE continuation lines and IDLE DONE', () => {
  it('decodes SASL responses strictly and recognises cancel', () => {
    assert.deepEqual(parseAuthenticateResponse('*'), { kind: 'cancel' });
    assert.deepEqual(parseAuthenticateResponse(''), { kind: 'data', data: new Uint8Array(0) });
    const plain = parseAuthenticateResponse('AHVzZXIAcGFzcw==');
    assert.equal(plain?.kind === 'data' ? Buffer.from(plain.data).toString() : '', '\0user\0pass');
    for (const bad of ['AHVzZXIAcGFzcw', 'AHVz ZXIA', 'AHVzZXIAcGFzcw=', '****', 'A===', 'AB=C']) {
      assert.equal(parseAuthenticateResponse(bad), null, bad);
    }
    assert.deepEqual(decodeBase64('YQ=='), new Uint8Array([0x61]));
    assert.deepEqual(decodeBase64('YWI='), new Uint8Array([0x61, 0x62]));
  });

  it('accepts DONE in any case only', () => {
    assert.equal(isIdleDone('DONE'), true);
    assert.equal(isIdleDone('done'), true);
    assert.equal(isIdleDone('DONE '), false);
    assert.equal(isIdleDone('a1 DONE'), false);
  });
});
