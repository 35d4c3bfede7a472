// The relay's command groups (RFC 2920) over kept sessions, against scripted sessions: what goes out
// in each write, and a kept session found gone at its RSET (decision 0054).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RelayRequest } from '../../../ports/relay-transport.ts';
import { createSmtpRelayTransport } from './create-smtp-relay-transport.ts';
import type { SmtpSession } from './open-smtp-session.ts';
import type { SmtpReply } from './read-smtp-replies.ts';

interface ScriptedSession extends SmtpSession {
  /** Each write of command lines, as the peer would read it. */
  readonly writes: string[][];
  /** Each message content sent. */
  readonly contents: Uint8Array[];
}

function reply(code: number, text = 'ok'): SmtpReply {
  return { code, enhancedCode: null, lines: [text] };
}

/**
 * A session that answers every command as a willing peer would (354 to DATA, 250 otherwise), or,
 * once `gone()` is set, answers nothing: the peer closed it without our socket noticing yet.
 */
function scriptedSession(extensions: readonly string[], gone: () => boolean = () => false): ScriptedSession {
  const writes: string[][] = [];
  const contents: Uint8Array[] = [];
  const answers: SmtpReply[] = [];
  const next = (): Promise<SmtpReply> => {
    const answer = answers.shift();
    if (gone() || answer === undefined) return Promise.reject(new Error('connection closed by the peer'));
    return Promise.resolve(answer);
  };
  const write = (lines: readonly string[]): void => {
    writes.push([...lines]);
    for (const line of lines) answers.push(line === 'DATA' ? reply(354, 'go ahead') : reply(250));
  };
  return {
    writes,
    contents,
    extensions: new Map(extensions.map((keyword) => [keyword, ''])),
    encrypted: true,
    command(line) {
      write([line]);
      return next();
    },
    writeLines: write,
    reply: next,
    sendRaw(bytes) {
      if (gone()) return Promise.reject(new Error('connection closed by the peer'));
      contents.push(bytes);
      return Promise.resolve(reply(250, 'queued'));
    },
    close: () => Promise.resolve(),
    isOpen: () => true,
    onClose: () => undefined,
  };
}

const request: RelayRequest = {
  host: '127.0.0.1',
  port: 2525,
  mailFrom: 'posta-certificata@pec.example.it',
  rcptTo: ['anna@pec.other.example', 'bruno@pec.other.example'],
  bytes: Buffer.from('Subject: prova\r\n\r\ncorpo\r\n'),
  tls: 'none',
};

describe('relay command groups (RFC 2920)', () => {
  it('sends MAIL FROM, every RCPT TO and DATA in one write, and RSET at the head of the next group', async () => {
    const sessions: ScriptedSession[] = [];
    const transport = createSmtpRelayTransport({
      heloName: 'mx.pec.example.it',
      pool: {
        maxPerDestination: 1,
        idleMs: 60_000,
        open: () => {
          const session = scriptedSession(['PIPELINING', 'SIZE 10485760']);
          sessions.push(session);
          return Promise.resolve(session);
        },
      },
    });
    try {
      for (let i = 0; i < 2; i++) {
        const attempt = await transport.send(request);
        assert.deepEqual(
          attempt.recipients.map((r) => r.outcome),
          ['accepted', 'accepted'],
        );
      }
    } finally {
      await transport.close();
    }
    assert.equal(sessions.length, 1, 'one kept session');
    const [session] = sessions;
    assert.deepEqual(session?.writes, [
      [
        'MAIL FROM:<posta-certificata@pec.example.it>',
        'RCPT TO:<anna@pec.other.example>',
        'RCPT TO:<bruno@pec.other.example>',
        'DATA',
      ],
      [
        'RSET',
        'MAIL FROM:<posta-certificata@pec.example.it>',
        'RCPT TO:<anna@pec.other.example>',
        'RCPT TO:<bruno@pec.other.example>',
        'DATA',
      ],
    ]);
    assert.equal(session.contents.length, 2, 'both messages sent');
  });

  it('without PIPELINING sends one command at a time, RSET first on a kept session', async () => {
    const sessions: ScriptedSession[] = [];
    const transport = createSmtpRelayTransport({
      heloName: 'mx.pec.example.it',
      pool: {
        maxPerDestination: 1,
        idleMs: 60_000,
        open: () => {
          const session = scriptedSession([]);
          sessions.push(session);
          return Promise.resolve(session);
        },
      },
    });
    try {
      await transport.send(request);
      await transport.send(request);
    } finally {
      await transport.close();
    }
    assert.ok(
      sessions[0]?.writes.every((lines) => lines.length === 1),
      'every write is one command',
    );
    assert.deepEqual(
      sessions[0]?.writes.map((lines) => lines[0]?.split(':')[0]),
      ['MAIL FROM', 'RCPT TO', 'RCPT TO', 'DATA', 'RSET', 'MAIL FROM', 'RCPT TO', 'RCPT TO', 'DATA'],
    );
  });

  it('drops a kept session that does not answer its RSET and sends the message once, down a new one', async () => {
    let firstGone = false;
    const sessions: ScriptedSession[] = [];
    const transport = createSmtpRelayTransport({
      heloName: 'mx.pec.example.it',
      pool: {
        maxPerDestination: 2,
        idleMs: 60_000,
        open: () => {
          const session = scriptedSession(
            ['PIPELINING'],
            sessions.length === 0 ? () => firstGone : undefined,
          );
          sessions.push(session);
          return Promise.resolve(session);
        },
      },
    });
    try {
      await transport.send(request);
      firstGone = true;
      const attempt = await transport.send(request);
      assert.deepEqual(
        attempt.recipients.map((r) => r.outcome),
        ['accepted', 'accepted'],
        'delivered down the new session, not deferred',
      );
    } finally {
      await transport.close();
    }
    assert.equal(sessions.length, 2, 'a new session replaced the gone one');
    assert.equal(sessions[0]?.contents.length, 1, 'nothing more went down the gone session');
    assert.equal(sessions[1]?.contents.length, 1, 'the message went once, down the new one');
    assert.equal(
      sessions[1].writes[0]?.[0],
      'MAIL FROM:<posta-certificata@pec.example.it>',
      'no RSET on a new one',
    );
  });
});
