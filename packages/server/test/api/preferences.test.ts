/**
 * GET and PATCH /api/v1/preferences over a real server (decision 0025): the defaults first; a
 * change made in one session is what another session of the same holder (another device) reads;
 * another holder's options stay apart; out-of-range values and unknown fields are refused; no
 * session is 401 and no CSRF header is 403. Listed in the OpenAPI document.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { holders, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';

describe('holder preferences over HTTP (decision 0025)', { timeout: 120_000 }, () => {
  let provider: ApiProvider;
  before(async () => {
    provider = await startApiProvider();
  });
  after(() => provider.close());

  const call = async (method: 'GET' | 'PATCH', cookie?: string, body?: unknown, csrf = true) => {
    const response = await fetch(`${provider.base}/api/v1/preferences`, {
      method,
      headers: {
        ...(cookie === undefined ? {} : { cookie }),
        ...(csrf ? { 'x-pec-request': '1' } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('needs a session, and the CSRF header to change anything', async () => {
    assert.equal((await call('GET')).status, 401);
    assert.equal((await call('GET')).body['reason'], 'authentication-required');
    assert.equal((await call('PATCH', undefined, { theme: 'dark' })).status, 401);
    const mario = await signIn(provider.base, holders.mario);
    const refused = await call('PATCH', mario, { theme: 'dark' }, false);
    assert.equal(refused.status, 403);
    assert.equal(refused.body['reason'], 'csrf');
    assert.equal((await call('GET', mario)).body['theme'], 'system', 'nothing changed');
  });

  it('follows the holder from one session to another, and stays apart from other holders', async () => {
    const laptop = await signIn(provider.base, holders.mario);
    const phone = await signIn(provider.base, holders.mario);
    const anna = await signIn(provider.base, holders.anna);
    const first = await call('GET', laptop);
    assert.equal(first.status, 200);
    assert.deepEqual(first.body, {
      language: null,
      theme: 'system',
      density: 'comfortable',
      previewLines: 1,
      hideReceipts: false,
      readingPane: 'three',
      markReadAfterSeconds: 0,
      signature: '',
    });
    const changed = await call('PATCH', laptop, {
      language: 'fr',
      theme: 'dark',
      density: 'compact',
      hideReceipts: true,
      readingPane: 'two',
      markReadAfterSeconds: null,
      signature: 'Avv. Mario Rossi\nForo di Roma',
    });
    assert.equal(changed.status, 200);
    assert.equal(changed.body['theme'], 'dark');
    const onPhone: { body: Record<string, unknown> } = await call('GET', phone);
    assert.deepEqual(onPhone.body, changed.body);
    assert.equal(onPhone.body['signature'], 'Avv. Mario Rossi\nForo di Roma');
    assert.equal((await call('PATCH', phone, { previewLines: 2 })).body['theme'], 'dark', 'a partial change');
    assert.equal((await call('GET', anna)).body['theme'], 'system', "another holder's options are apart");
  });

  it('refuses values out of range and unknown fields as invalid-request', async () => {
    const mario = await signIn(provider.base, holders.mario);
    for (const body of [
      { theme: 'sepia' },
      { previewLines: 3 },
      { markReadAfterSeconds: 61 },
      { language: 'de' },
      { signature: 'x'.repeat(2001) },
      { colour: 'red' },
      { readingPane: 'bottom' },
    ]) {
      const answer = await call('PATCH', mario, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body['reason'], 'invalid-request');
    }
    const openapi = (await (await fetch(`${provider.base}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    assert.deepEqual(Object.keys(openapi.paths['/api/v1/preferences'] ?? {}).sort(), ['get', 'patch']);
  });
});
