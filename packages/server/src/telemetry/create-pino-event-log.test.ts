/**
 * The pino sink writes one JSON object per event with the event name, the bindings and the fields;
 * only `error.unexpected` (and `job.failed`) carry a stack; levels below the threshold are dropped.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { createPinoEventLog } from './create-pino-event-log.ts';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  return {
    stream,
    text: () => text,
    lines: () =>
      text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createPinoEventLog', () => {
  it('writes JSON lines with the event, its bindings and its fields, at the catalogue level', () => {
    const out = capture();
    const log = createPinoEventLog({ destination: out.stream, level: 'info', pretty: false });
    const session = log.child({ protocol: 'imap', session: 's1', remoteAddress: '192.0.2.1' });
    session.emit({ event: 'auth.succeeded', user: 'mario@pec.test' });
    session.emit({ event: 'command.handled', command: 'NOOP' });
    log.emit({ event: 'artefact.issued', id: 'opec-1@pec.test', type: 'acceptance' });
    const [auth, artefact, ...rest] = out.lines();
    assert.deepEqual(rest, [], 'trace-level command.handled is below info');
    assert.equal(auth?.['msg'], 'auth.succeeded');
    assert.equal(auth['event'], 'auth.succeeded');
    assert.equal(auth['level'], 30);
    assert.equal(auth['session'], 's1');
    assert.equal(auth['protocol'], 'imap');
    assert.equal(auth['user'], 'mario@pec.test');
    assert.equal(artefact?.['id'], 'opec-1@pec.test');
    assert.equal(artefact['type'], 'acceptance');
  });

  it('a network condition is one short line; only our own failures carry a stack', () => {
    const out = capture();
    const log = createPinoEventLog({ destination: out.stream, level: 'debug', pretty: false });
    log.emit({
      event: 'connection.lost',
      protocol: 'smtp-submission',
      code: 'ECONNRESET',
      message: 'read ECONNRESET',
    });
    log.emit({
      event: 'error.unexpected',
      session: 's2',
      where: 'DATA',
      error: new TypeError('bug of ours'),
    });
    const [lost, bug] = out.lines();
    assert.equal(lost?.['level'], 20);
    assert.equal(lost['code'], 'ECONNRESET');
    assert.doesNotMatch(JSON.stringify(lost), /stack|\n\s+at /);
    assert.equal(bug?.['level'], 50);
    const error = bug['error'] as { type: string; message: string; stack: string };
    assert.equal(error.type, 'TypeError');
    assert.equal(error.message, 'bug of ours');
    assert.match(error.stack, /at /);
  });

  it('pretty output is readable text, not JSON', async () => {
    const out = capture();
    const log = createPinoEventLog({ destination: out.stream, level: 'info', pretty: true });
    log.emit({ event: 'listener.started', listener: 'http', host: '127.0.0.1', port: 8080 });
    await new Promise((resolve) => setImmediate(resolve));
    assert.match(out.text(), /INFO.*listener\.started/);
    assert.throws(() => JSON.parse(out.text().trim()) as unknown);
  });
});
