/**
 * GET /api/events over a real socket, on a bare Fastify whose preHandler stands for the session
 * check: a client that stays is subscribed and gets the `connected` comment, and is unsubscribed when
 * it leaves; a client that leaves while its session is being checked leaves nothing behind (no
 * subscription, no heartbeat timer: one kept test processes alive when the machine was loaded).
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { createChangeFeed } from '../../../services/notifications/change-feed.ts';
import type { WebSession } from '../../../services/web-sessions/web-sessions.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import { eventRoutes } from './event-routes.ts';

const mailboxId = 7;
const session: WebSession = {
  mailboxId,
  address: 'anna@pec.example',
  displayName: 'Anna',
  staySignedIn: false,
  expiresAt: new Date(8.64e15),
};

/** A promise and the function that settles it. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

describe('GET /api/events', () => {
  const changes = createChangeFeed();
  let app: FastifyInstance;
  let port: number;
  /** Each request's session check waits for this gate; open unless a test closes it. */
  let gate: Promise<void> = Promise.resolve();
  /** The raw request of the last one that reached the session check. */
  let checking = deferred();
  let checked: IncomingMessage | undefined;
  /** Settled once the handler has returned for the last request. */
  let handled = deferred();

  before(async () => {
    const deps = {
      mailboxes: { changes },
      sessions: { resolve: () => Promise.resolve(session) },
    } as unknown as ApiDependencies;
    const [route] = eventRoutes(deps);
    assert.ok(route !== undefined);
    app = Fastify({ logger: false });
    app.get(
      '/api/events',
      {
        preHandler: async (request) => {
          checked = request.raw;
          checking.resolve();
          await gate;
        },
      },
      async (request, reply) => {
        try {
          return await route.handler({
            params: {},
            query: {},
            body: undefined,
            session,
            token: undefined,
            request,
            reply,
          });
        } finally {
          handled.resolve();
        }
      },
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    assert.ok(address !== null && typeof address === 'object');
    port = address.port;
  });
  after(() => app.close());

  async function openRequest(): Promise<Socket> {
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write('GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: pec_session=t\r\n\r\n');
    return socket;
  }

  it('subscribes a client that stays, and unsubscribes it when it leaves', async () => {
    checking = deferred();
    handled = deferred();
    const socket = await openRequest();
    let text = '';
    socket.setEncoding('utf8');
    const connected = new Promise<void>((resolve) => {
      socket.on('data', (chunk: string) => {
        text += chunk;
        if (text.includes(': connected')) resolve();
      });
    });
    await connected;
    await handled.promise;
    assert.match(text, /^HTTP\/1\.1 200/);
    assert.equal(changes.subscriberCount(mailboxId), 1);
    const request = checked;
    assert.ok(request !== undefined);
    const gone = closed(request);
    socket.destroy();
    await gone;
    // The stream's own 'close' follows the request's within the same turn of the socket's close.
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(changes.subscriberCount(mailboxId), 0);
  });

  it('leaves nothing behind for a client gone while its session was checked', async () => {
    const open = deferred();
    gate = open.promise;
    checking = deferred();
    handled = deferred();
    try {
      const timersBefore = liveTimeouts();
      const socket = await openRequest();
      await checking.promise;
      const request = checked;
      assert.ok(request !== undefined);
      const gone = closed(request);
      socket.destroy();
      await gone;
      open.resolve();
      await handled.promise;
      assert.equal(changes.subscriberCount(mailboxId), 0, 'no subscription for a client that left');
      assert.equal(liveTimeouts(), timersBefore, 'no heartbeat for a client that left');
    } finally {
      open.resolve();
      gate = Promise.resolve();
    }
  });
});

/** Settles when the request closes (events.once would reject on its `aborted` error). */
function closed(request: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    request.once('close', () => {
      resolve();
    });
  });
}

/** The process's live timers (Node ≥ 17.3). */
function liveTimeouts(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
}
