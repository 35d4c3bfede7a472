/**
 * The address book over a real server (decision 0037): a contact added in one session is listed,
 * searched, changed and deleted; the providers'-index mark on its addresses; another holder's
 * contact id answers 404 on every route; bad fields are problem+json; no session is 401 and no
 * CSRF header is 403; vCard export downloads and the import reports the cards it left out.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { holders, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';

describe('contacts over HTTP (decision 0037)', { timeout: 120_000 }, () => {
  let provider: ApiProvider;
  before(async () => {
    provider = await startApiProvider();
  });
  after(() => provider.close());

  const call = async (method: string, path: string, cookie?: string, body?: unknown, csrf = true) => {
    const response = await fetch(`${provider.base}/api/v1/contacts${path}`, {
      method,
      headers: {
        ...(cookie === undefined ? {} : { cookie }),
        ...(csrf ? { 'x-pec-request': '1' } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      type,
      text,
      body: (type.includes('json') ? JSON.parse(text) : {}) as Record<string, unknown>,
    };
  };

  it('needs a session, and the CSRF header to change anything', async () => {
    const anonymous = await call('GET', '');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body['reason'], 'authentication-required');
    const mario = await signIn(provider.base, holders.mario);
    const refused = await call('POST', '', mario, { name: 'X', emails: ['x@example.org'] }, false);
    assert.equal(refused.status, 403);
    assert.equal(refused.body['reason'], 'csrf');
    assert.deepEqual((await call('GET', '', mario)).body, { contacts: [], groups: [] });
  });

  it('adds, lists, suggests, changes and deletes, and keeps another holder out (404)', async () => {
    const mario = await signIn(provider.base, holders.mario);
    const anna = await signIn(provider.base, holders.anna);
    const created = await call('POST', '', mario, {
      name: 'Anna Verdi',
      pec: [holders.anna],
      emails: ['anna.verdi@example.org'],
      phones: ['+39 06 555'],
      groups: ['Colleghi'],
    });
    assert.equal(created.status, 201);
    const id = String(created.body['id']);
    assert.deepEqual(
      created.body['pec'],
      [{ address: holders.anna, inIndex: true }],
      'own domain is indexed',
    );
    assert.deepEqual(created.body['emails'], [{ address: 'anna.verdi@example.org', inIndex: false }]);
    const listed = await call('GET', '?group=colleghi', mario);
    assert.equal((listed.body['contacts'] as unknown[]).length, 1);
    assert.deepEqual(listed.body['groups'], ['Colleghi']);
    const suggested = await call('GET', '/suggestions?q=ver', mario);
    assert.deepEqual(
      (suggested.body['suggestions'] as { address: string; pec: boolean }[]).map((s) => [s.address, s.pec]),
      [
        [holders.anna, true],
        ['anna.verdi@example.org', false],
      ],
    );
    assert.deepEqual((await call('GET', '/suggestions?q=ver', anna)).body['suggestions'], [], 'apart');
    for (const [method, path, body] of [
      ['GET', `/${id}`, undefined],
      ['GET', `/${id}/vcard`, undefined],
      ['PATCH', `/${id}`, { name: 'Preso' }],
      ['DELETE', `/${id}`, undefined],
    ] as const) {
      const foreign = await call(method, path, anna, body);
      assert.equal(foreign.status, 404, `${method} ${path}`);
      assert.equal(foreign.body['reason'], 'not-found');
      assert.match(foreign.type, /application\/problem\+json/);
    }
    const changed = await call('PATCH', `/${id}`, mario, { name: 'Anna Verdi Bianchi', pec: [holders.anna] });
    assert.equal(changed.status, 200);
    assert.equal(changed.body['name'], 'Anna Verdi Bianchi');
    assert.deepEqual(changed.body['emails'], []);
    const bad = await call('PATCH', `/${id}`, mario, { name: 'X', pec: ['non valido'] });
    assert.equal(bad.status, 400);
    assert.equal(bad.body['reason'], 'invalid-request');
    assert.equal(bad.body['contactProblem'], 'address');
    assert.equal((await call('POST', '', mario, { name: 'X', colour: 'red' })).status, 400, 'unknown field');
    assert.equal((await call('GET', '/abc', mario)).status, 400, 'not an id');
    assert.equal((await call('DELETE', `/${id}`, mario)).status, 204);
    assert.equal((await call('GET', `/${id}`, mario)).status, 404);
  });

  it('exports vCard 4 and imports a file, reporting the cards left out', async () => {
    const bruno = await signIn(provider.base, holders.bruno);
    const file = [
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Studio Neri\r\nEMAIL;TYPE=INTERNET:studio@neri.example.com\r\nCATEGORIES:Clienti\r\nEND:VCARD',
      'BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Vecchio\r\nEND:VCARD',
      `BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Carla\r\nEMAIL:${holders.carla}\r\nEND:VCARD`,
    ].join('\r\n');
    const imported = await call('POST', '/import', bruno, { vcard: file });
    assert.equal(imported.status, 200);
    assert.deepEqual(imported.body, {
      imported: 2,
      rejected: [{ card: 2, name: 'Vecchio', reason: 'unsupported-version' }],
    });
    const exported = await call('GET', '/export', bruno);
    assert.equal(exported.status, 200);
    assert.match(exported.type, /^text\/vcard/);
    assert.match(exported.text, /FN:Carla\r\nEMAIL;TYPE=x-pec:carla@/, 'an indexed address came back as PEC');
    assert.match(
      exported.text,
      /FN:Studio Neri\r\nEMAIL:studio@neri\.example\.com\r\nCATEGORIES:Clienti\r\n/,
    );
    assert.equal((await call('POST', '/import', bruno, { text: file })).status, 400);
    const openapi = (await (await fetch(`${provider.base}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    assert.deepEqual(Object.keys(openapi.paths['/api/v1/contacts/{id}'] ?? {}).sort(), [
      'delete',
      'get',
      'patch',
    ]);
  });
});
