// Broken and hostile clients: generated command lines (printable noise, control bytes, known
// keywords with junk arguments, SASL exchanges cut short) never make a command fail inside the
// server, and every connection ends cleanly on QUIT or a limit. Also raw garbage before TLS.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { openPop3Transcript } from './testing/pop3-transcript.ts';
import { startTestPop3, type TestPop3 } from './testing/start-test-pop3.ts';

const keywords = [
  'CAPA',
  'STLS',
  'USER',
  'PASS',
  'AUTH',
  'STAT',
  'LIST',
  'UIDL',
  'RETR',
  'TOP',
  'DELE',
  'RSET',
  'NOOP',
  'APOP',
  'XTND',
];

const commandLine = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.uint8Array({ maxLength: 80 }).map((bytes) =>
    Buffer.from(bytes)
      .toString('latin1')
      .replace(/[\r\n]/g, ' '),
  ),
  fc
    .tuple(
      fc.constantFrom(...keywords),
      fc.array(fc.oneof(fc.nat(5).map(String), fc.string({ maxLength: 12 })), { maxLength: 3 }),
    )
    .map(([keyword, args]) => [keyword, ...args].join(' ')),
);

describe('POP3 robustness', () => {
  let pop: TestPop3;

  before(async () => {
    pop = await startTestPop3({ maxBadCommands: 1000, maxAuthFailures: 1000 });
    await pop.addMailbox('fuzz@pec.test', 'fuzz password 1');
    await pop.deliver('fuzz@pec.test', Buffer.from('Subject: x\r\n\r\n.dot\r\n'));
  });
  after(() => pop.close());

  it('survives generated command sequences, logged in or not', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(commandLine, { maxLength: 25 }), async (login, lines) => {
        const c = await openPop3Transcript({
          host: pop.host,
          port: pop.tlsPort,
          ca: pop.ca,
          implicitTls: true,
        });
        await c.expect(/^\+OK/);
        if (login) {
          await c.command('USER fuzz@pec.test', '+OK Send your password');
          await c.command('PASS fuzz password 1', /^\+OK Logged in/);
        }
        // Two QUITs: the first may be taken as the answer to a SASL challenge.
        c.write(`${lines.join('\r\n')}\r\nQUIT\r\nQUIT\r\n`);
        await Promise.race([
          c.ended,
          new Promise((_, reject) =>
            setTimeout(() => {
              reject(new Error('the session did not end'));
            }, 5000),
          ),
        ]);
        assert.deepEqual(pop.errors, []);
      }),
      { numRuns: 40 },
    );
    const again = await openPop3Transcript({
      host: pop.host,
      port: pop.tlsPort,
      ca: pop.ca,
      implicitTls: true,
    });
    await again.expect(/^\+OK/);
    await again.command('USER fuzz@pec.test', '+OK Send your password');
    await again.command('PASS fuzz password 1', /^\+OK Logged in/);
    await again.command('QUIT', /^\+OK Bye/);
  });

  it('answers TLS garbage on the plain port and HTTP requests without crashing', async () => {
    const replies = await new Promise<string>((resolve, reject) => {
      const socket = connect(pop.plainPort, pop.host, () => {
        socket.write(Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x0d, 0x0a]));
        socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
        setTimeout(() => socket.end(), 200);
      });
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      socket.on('close', () => {
        resolve(text);
      });
      socket.on('error', reject);
    });
    const lines = replies.split('\r\n').filter((line) => line !== '');
    assert.equal(lines[0], '+OK PEC POP3 server ready');
    assert.ok(
      lines.slice(1).every((line) => line.startsWith('-ERR ')),
      replies,
    );
    assert.deepEqual(pop.errors, []);
  });

  it('ends a connection quietly when the handshake after STLS fails or never comes', async () => {
    const quick = await startTestPop3({ handshakeTimeoutMs: 300 });
    try {
      for (const after of ['garbage that is no TLS\r\n', '']) {
        const c = await openPop3Transcript({ host: quick.host, port: quick.plainPort, ca: quick.ca });
        await c.expect(/^\+OK/);
        await c.command('STLS', '+OK Begin TLS negotiation');
        c.write(after);
        await Promise.race([
          c.ended,
          new Promise((_, reject) =>
            setTimeout(() => {
              reject(new Error('still open'));
            }, 3000),
          ),
        ]);
      }
      assert.deepEqual(quick.errors, []);
    } finally {
      await quick.close();
    }
  });
});
