import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { createReplyReader, renderSmtpReply } from './read-smtp-replies.ts';

describe('createReplyReader', () => {
  it('joins multi-line replies and splits the enhanced status code', async () => {
    const socket = new PassThrough();
    const reader = createReplyReader(socket);
    socket.write('250-mx.example Hello\r\n250-SIZE 1000\r\n250 STARTTLS\r\n550 5.1.1 no such');
    socket.write(' user\r\n452 4.5.3 too many\r\n');
    assert.deepEqual(await reader.next(100), {
      code: 250,
      enhancedCode: null,
      lines: ['mx.example Hello', 'SIZE 1000', 'STARTTLS'],
    });
    const refused = await reader.next(100);
    assert.deepEqual([refused.code, refused.enhancedCode], [550, '5.1.1']);
    assert.equal(renderSmtpReply(refused), '550 5.1.1 no such user');
    assert.equal((await reader.next(100)).enhancedCode, '4.5.3');
    assert.equal(reader.bufferedBytes(), 0);
  });

  it('ignores an enhanced code of another class than the reply', async () => {
    const socket = new PassThrough();
    const reader = createReplyReader(socket);
    socket.write('250 5.1.1 odd but fine\n');
    assert.equal((await reader.next(100)).enhancedCode, null);
  });

  it('counts bytes received beyond the consumed replies', async () => {
    const socket = new PassThrough();
    const reader = createReplyReader(socket);
    socket.write('220 ready\r\n250 injected\r\n');
    await reader.next(100);
    assert.ok(reader.bufferedBytes() > 0);
  });

  it('fails on a malformed line, a mixed-code reply, a timeout and a closed connection', async () => {
    const cases: [string, RegExp][] = [
      ['hello\r\n', /malformed SMTP reply/],
      ['250-a\r\n251 b\r\n', /malformed SMTP reply/],
    ];
    for (const [input, expected] of cases) {
      const socket = new PassThrough();
      const reader = createReplyReader(socket);
      socket.write(input);
      await assert.rejects(reader.next(100), expected);
    }
    const silent = createReplyReader(new PassThrough());
    await assert.rejects(silent.next(20), /no SMTP reply within 20 ms/);
    const closing = new PassThrough();
    const reader = createReplyReader(closing);
    const waiting = reader.next(1000);
    closing.end();
    closing.resume();
    await assert.rejects(waiting, /closed/);
  });

  it('refuses a reply longer than the limit', async () => {
    const socket = new PassThrough();
    const reader = createReplyReader(socket, 100);
    socket.write(`250-${'x'.repeat(200)}`);
    await assert.rejects(reader.next(100), /longer than 100 bytes/);
  });
});
