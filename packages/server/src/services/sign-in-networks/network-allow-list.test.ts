import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalCidr, isAllowedNetwork } from './network-allow-list.ts';

describe('sign-in allow-list', () => {
  it('canonicalises CIDR text and refuses what is not one', () => {
    assert.equal(canonicalCidr(' 192.0.2.77/24 '), '192.0.2.0/24');
    assert.equal(canonicalCidr('198.51.100.9'), '198.51.100.9/32');
    assert.equal(canonicalCidr('10.1.2.3/8'), '10.0.0.0/8');
    assert.equal(canonicalCidr('2001:DB8:0:0:1::5/64'), '2001:db8::/64');
    assert.equal(canonicalCidr('2001:db8:abcd:12ff::1/56'), '2001:db8:abcd:1200::/56');
    assert.equal(canonicalCidr('::1'), '::1/128');
    for (const bad of [
      '',
      'example.it',
      '192.0.2.1/33',
      '192.0.2.1/4',
      '10.0.0.0/8/1',
      '192.0.2.1/x',
      '::/0',
    ])
      assert.equal(canonicalCidr(bad), undefined, bad);
  });

  it('tests IPv4, IPv4-mapped and IPv6 addresses against the list; an empty list allows all', () => {
    const list = ['192.0.2.0/24', '2001:db8::/32'];
    assert.equal(isAllowedNetwork('192.0.2.200', list), true);
    assert.equal(isAllowedNetwork('::ffff:192.0.2.200', list), true);
    assert.equal(isAllowedNetwork('192.0.3.1', list), false);
    assert.equal(isAllowedNetwork('2001:db8:1::9', list), true);
    assert.equal(isAllowedNetwork('2001:db9::1', list), false);
    assert.equal(isAllowedNetwork('not an address', list), false);
    assert.equal(isAllowedNetwork('203.0.113.5', []), true);
  });
});
