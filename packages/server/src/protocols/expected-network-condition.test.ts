/**
 * Which errors are the network (one short line) and which are ours (a stack).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectedNetworkCondition } from './expected-network-condition.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('expectedNetworkCondition', () => {
  it('recognises resets, timeouts, early closes and failed TLS handshakes', () => {
    for (const error of [
      withCode('read ECONNRESET', 'ECONNRESET'),
      withCode('write EPIPE', 'EPIPE'),
      withCode('connect ETIMEDOUT', 'ETIMEDOUT'),
      withCode('wrong version number', 'ERR_SSL_WRONG_VERSION_NUMBER'),
      withCode('TLS handshake timeout', 'ERR_TLS_HANDSHAKE_TIMEOUT'),
      withCode('Socket closed while initiating TLS', 'SocketError'),
      new Error('socket hang up'),
      new Error('Client network socket disconnected before secure TLS connection was established'),
    ]) {
      const condition = expectedNetworkCondition(error);
      assert.ok(condition !== undefined, error.message);
      assert.doesNotMatch(condition.message, /\n/);
    }
  });

  it('leaves our own failures alone', () => {
    assert.equal(expectedNetworkCondition(new TypeError('Cannot read properties of undefined')), undefined);
    assert.equal(expectedNetworkCondition(withCode('disk full', 'ENOSPC')), undefined);
    assert.equal(expectedNetworkCondition('ECONNRESET'), undefined, 'not an Error');
  });
});
