/**
 * The early deadlines of every protocol listener over real sockets: a connection that never starts
 * its TLS handshake on an implicit-TLS port, and one that stays silent after the greeting, are cut
 * by the server (the idle timeouts of 5 to 30 minutes would otherwise let them hold a slot), and a
 * client over its address's cap is told why. Short deadlines here; no timing is asserted, only that
 * the server closes the connection.
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { ConnectionGuardSettings } from '../../src/protocols/connection-guard.ts';
import type { ListenerAddress } from '../../src/protocols/listener-address.ts';
import type { ImapServices } from '../../src/protocols/imap/imap-services.ts';
import { startImapServers } from '../../src/protocols/imap/start-imap-servers.ts';
import { createPop3Server } from '../../src/protocols/pop3/pop3-listener.ts';
import type { Pop3Services } from '../../src/protocols/pop3/pop3-services.ts';
import {
  createFakeAccessPoint,
  createFakeAuthenticator,
  createTestTls,
  type TestTls,
} from '../../src/protocols/smtp/testing/fake-submission-services.ts';
import { createSubmissionServer } from '../../src/protocols/smtp/submission/create-submission-server.ts';

const connections: ConnectionGuardSettings = {
  maxPerAddress: 3,
  maxPerNetwork: 10,
  maxTotal: 20,
  tlsHandshakeTimeoutMs: 300,
  firstCommandTimeoutMs: 500,
};

/** Connects, reads whatever the server says, and resolves with it once the server closes. */
function untilClosed(port: number, timeoutMs = 15_000): Promise<{ socket: Socket; said: Promise<string> }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = connect({ host: '127.0.0.1', port }, () => {
      const said = new Promise<string>((done, fail) => {
        const timer = setTimeout(() => {
          fail(new Error(`the server kept the connection open for ${timeoutMs} ms`));
        }, timeoutMs);
        socket.on('close', () => {
          clearTimeout(timer);
          done(text);
        });
      });
      resolve({ socket, said });
    });
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
    });
    socket.on('error', (error) => {
      if (socket.connecting) reject(error);
    });
  });
}

describe('early deadlines and per-address caps of the protocol listeners', { timeout: 120_000 }, () => {
  let tls: TestTls;
  const endpoints = new Map<string, number>();
  const stops: (() => Promise<void>)[] = [];
  const port = (name: string) => {
    const value = endpoints.get(name);
    assert.ok(value !== undefined, name);
    return value;
  };
  const record = (addresses: readonly ListenerAddress[]) => {
    for (const address of addresses) endpoints.set(address.name, address.port);
  };

  before(async () => {
    tls = await createTestTls();
    const submission = createSubmissionServer(
      { accessPoint: createFakeAccessPoint(), authenticator: createFakeAuthenticator({}) },
      {
        host: '127.0.0.1',
        starttlsPort: 0,
        implicitTlsPort: 0,
        hostname: 'mx.pec.test',
        providerName: 'Test PEC',
        tls: { cert: tls.cert, key: tls.key },
        maxMessageBytes: 4096,
        closeTimeoutMs: 200,
        connections,
      },
    );
    record(await submission.listen());
    stops.push(() => submission.close());
    // Nothing reaches the services before a first command.
    const imap = await startImapServers(
      {
        host: '127.0.0.1',
        imapPort: 0,
        imapsPort: 0,
        tls: { cert: tls.cert, key: tls.key },
        maxMessageBytes: 4096,
      },
      {} as unknown as ImapServices,
      { connections },
    );
    record(imap.endpoints);
    stops.push(() => imap.close());
    const pop3 = createPop3Server({
      host: '127.0.0.1',
      plainPort: 0,
      implicitTlsPort: 0,
      tls: { cert: tls.cert, key: tls.key },
      services: {} as unknown as Pop3Services,
      connections,
    });
    record(await pop3.listen());
    stops.push(() => pop3.close());
  });
  after(async () => {
    for (const stop of stops) await stop();
  });

  for (const name of ['submissions', 'imaps', 'pop3s']) {
    it(`${name}: a connection that never starts TLS is cut`, async () => {
      const { said } = await untilClosed(port(name));
      assert.equal(await said, '');
    });
  }

  for (const [name, greeting] of [
    ['submission', /^220 /],
    ['imap', /^\* OK /],
    ['pop3', /^\+OK /],
  ] as const) {
    it(`${name}: a session silent after the greeting is cut`, async () => {
      const { said } = await untilClosed(port(name));
      assert.match(await said, greeting);
    });
  }

  for (const [name, refusal] of [
    ['submission', /421 4\.7\.0 Too many connections from your address/],
    ['imap', /\* BYE \[UNAVAILABLE\] Too many connections from your address\./],
    ['pop3', /-ERR \[SYS\/TEMP\] Too many connections from your address/],
  ] as const) {
    it(`${name}: a connection over the address's cap is refused with the reason`, async () => {
      const held = await Promise.all(
        Array.from({ length: connections.maxPerAddress }, () => untilClosed(port(name))),
      );
      const over = await untilClosed(port(name));
      assert.match(await over.said, refusal);
      for (const { socket } of held) socket.destroy();
    });
  }
});
