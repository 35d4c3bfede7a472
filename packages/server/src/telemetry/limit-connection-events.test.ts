import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bindEvents, type LogEvent } from '../ports/event-log.ts';
import { limitConnectionEvents } from './limit-connection-events.ts';

describe('limitConnectionEvents', () => {
  it('passes N expected-condition events per listener and second, then one summary', () => {
    const seen: LogEvent[] = [];
    let now = 0;
    const log = limitConnectionEvents(
      bindEvents((event) => seen.push(event), {}),
      { perSecond: 3, now: () => now },
    );
    const mx = log.child({ protocol: 'smtp-mx' });
    const imap = log.child({ protocol: 'imap' });
    for (let i = 0; i < 10; i++) mx.emit({ event: 'connection.lost', code: 'ECONNRESET', message: 'reset' });
    imap.emit({ event: 'connection.rejected', reason: 'too-many-connections' });
    mx.emit({ event: 'auth.failed', user: 'x', reason: 'bad' });
    assert.equal(seen.filter((e) => e.protocol === 'smtp-mx' && e.event === 'connection.lost').length, 3);
    assert.equal(seen.filter((e) => e.protocol === 'imap').length, 1);
    assert.equal(seen.filter((e) => e.event === 'auth.failed').length, 1);
    now = 1000;
    mx.emit({ event: 'connection.lost', code: 'ECONNRESET', message: 'reset' });
    const summary = seen.find((e) => e.event === 'connection.suppressed');
    assert.deepEqual(summary, {
      event: 'connection.suppressed',
      protocol: 'smtp-mx',
      suppressed: 7,
      windowMs: 1000,
    });
    assert.equal(seen.filter((e) => e.event === 'connection.lost').length, 4);
  });
});
