import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createConnectionGuard, defaultConnectionGuardSettings } from './connection-guard.ts';

const settings = { ...defaultConnectionGuardSettings, maxPerAddress: 2, maxPerNetwork: 3, maxTotal: 4 };

describe('createConnectionGuard', () => {
  it('caps one address, then its /24, then the total, and frees a slot on release', () => {
    const guard = createConnectionGuard(settings);
    const a1 = guard.admit('192.0.2.1');
    assert.equal(a1.admitted, true);
    assert.equal(guard.admit('::ffff:192.0.2.1').admitted, true);
    assert.deepEqual(guard.admit('192.0.2.1'), { admitted: false, scope: 'address' });
    assert.equal(guard.admit('192.0.2.9').admitted, true);
    assert.deepEqual(guard.admit('192.0.2.10'), { admitted: false, scope: 'network' });
    assert.equal(guard.admit('198.51.100.1').admitted, true);
    assert.deepEqual(guard.admit('203.0.113.1'), { admitted: false, scope: 'server' });
    assert.equal(guard.total, 4);
    assert.ok(a1.admitted);
    a1.release();
    a1.release();
    assert.equal(guard.total, 3);
    assert.equal(guard.admit('192.0.2.1').admitted, true);
  });

  it('counts IPv6 per /64', () => {
    const guard = createConnectionGuard(settings);
    assert.equal(guard.admit('2001:db8:0:1::1').admitted, true);
    assert.equal(guard.admit('2001:db8:0:1::2').admitted, true);
    assert.deepEqual(guard.admit('2001:db8:0:1:ffff::3'), { admitted: false, scope: 'address' });
    assert.equal(guard.admit('2001:db8:0:2::1').admitted, true);
  });
});
