import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MxResolver } from '../../../ports/mx-resolver.ts';
import type { StaticRoute } from '../../../ports/route-store.ts';
import { createRelayRouter } from './create-relay-router.ts';

const route: StaticRoute = {
  domain: 'pec.other.example',
  host: '127.0.0.1',
  port: 2525,
  tls: 'none',
  createdAt: new Date(0),
  updatedAt: new Date(0),
};

const routes = {
  find: (domain: string) => Promise.resolve(domain === route.domain ? route : undefined),
};

describe('createRelayRouter', () => {
  it('prefers the static route and keeps its TLS policy', async () => {
    const mx: MxResolver = { resolve: () => Promise.reject(new Error('DNS must not be asked')) };
    assert.deepEqual(await createRelayRouter({ routes, mx }).route('pec.other.example'), {
      kind: 'hops',
      hops: [{ host: '127.0.0.1', port: 2525, tls: 'none', source: 'static' }],
    });
  });

  it('routes other domains by MX on port 25 with the TLS policy left to the recipient kind', async () => {
    const mx: MxResolver = {
      resolve: () => Promise.resolve({ kind: 'hosts', hosts: ['mx1.example', 'mx2.example'] }),
    };
    assert.deepEqual(await createRelayRouter({ routes, mx }).route('example'), {
      kind: 'hops',
      hops: [
        { host: 'mx1.example', port: 25, tls: null, source: 'dns' },
        { host: 'mx2.example', port: 25, tls: null, source: 'dns' },
      ],
    });
    const failing: MxResolver = {
      resolve: () => Promise.resolve({ kind: 'permanent-failure', reason: 'nx' }),
    };
    assert.deepEqual(await createRelayRouter({ routes, mx: failing }).route('nx.example'), {
      kind: 'permanent-failure',
      reason: 'nx',
    });
  });

  it('without DNS, a domain with no route waits (temporary failure)', async () => {
    const resolution = await createRelayRouter({ routes }).route('elsewhere.example');
    assert.equal(resolution.kind, 'temporary-failure');
  });
});
