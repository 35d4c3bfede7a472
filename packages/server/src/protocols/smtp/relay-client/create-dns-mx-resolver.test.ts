import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDnsMxResolver, type DnsLookups } from './create-dns-mx-resolver.ts';

function dnsError(code: string): Error {
  return Object.assign(new Error(code), { code });
}

function fakeDns(answers: {
  mx?: { exchange: string; priority: number }[] | string;
  a?: string[] | string;
  aaaa?: string[] | string;
}): DnsLookups {
  const answer = <T extends object>(value: T | string | undefined): Promise<T> =>
    typeof value === 'object' ? Promise.resolve(value) : Promise.reject(dnsError(value ?? 'ENODATA'));
  return {
    resolveMx: () => answer(answers.mx),
    resolve4: () => answer(answers.a),
    resolve6: () => answer(answers.aaaa),
  };
}

describe('createDnsMxResolver', () => {
  it('orders MX hosts by preference and drops the trailing dot', async () => {
    const resolver = createDnsMxResolver({
      dns: fakeDns({
        mx: [
          { exchange: 'mx2.example.', priority: 20 },
          { exchange: 'mx1.example', priority: 10 },
        ],
      }),
    });
    assert.deepEqual(await resolver.resolve('example'), {
      kind: 'hosts',
      hosts: ['mx1.example', 'mx2.example'],
    });
  });

  it('falls back to the domain itself when it has an address but no MX (RFC 5321 §5.1)', async () => {
    const resolver = createDnsMxResolver({
      dns: fakeDns({ mx: 'ENODATA', a: 'ENODATA', aaaa: ['2001:db8::1'] }),
    });
    assert.deepEqual(await resolver.resolve('example'), { kind: 'hosts', hosts: ['example'] });
  });

  it('fails for good on NXDOMAIN, a null MX, or no MX and no address', async () => {
    for (const answers of [{ mx: 'ENOTFOUND' }, { mx: [{ exchange: '', priority: 0 }] }, { mx: 'ENODATA' }]) {
      const result = await createDnsMxResolver({ dns: fakeDns(answers) }).resolve('example');
      assert.equal(result.kind, 'permanent-failure', JSON.stringify(answers));
    }
  });

  it('fails for now on DNS trouble', async () => {
    for (const answers of [{ mx: 'ETIMEOUT' }, { mx: 'ESERVFAIL' }, { mx: 'ENODATA', a: 'ETIMEOUT' }]) {
      const result = await createDnsMxResolver({ dns: fakeDns(answers) }).resolve('example');
      assert.equal(result.kind, 'temporary-failure', JSON.stringify(answers));
    }
  });
});
