/**
 * Limits and abuse over real sockets: connections per IP and per account, autologout
 * before and after login, failures per connection, throttling through the Authenticator, garbage,
 * over-long lines, huge literals (the server stays up and its memory bounded) and graceful close.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, describe, it } from 'node:test';
import { openImapConversation, type ImapConversation } from './testing/imap-conversation.ts';
import {
  startImapTestServer,
  type ImapTestServer,
  type ImapTestServerOptions,
} from './testing/imap-test-server.ts';

describe('IMAP limits and robustness', () => {
  const servers: ImapTestServer[] = [];
  const open: ImapConversation[] = [];
  const start = async (options: ImapTestServerOptions = {}) => {
    const server = await startImapTestServer(options);
    servers.push(server);
    return server;
  };
  const dial = async (server: ImapTestServer) => {
    const c = await openImapConversation({ port: server.tlsPort, ca: server.ca, implicitTls: true });
    open.push(c);
    return c;
  };
  const login = async (server: ImapTestServer, account = server.accounts[0]) => {
    const c = await dial(server);
    await c.expect(/^\* OK /);
    return { c, reply: await c.command(`l LOGIN ${account.address} "${account.password}"`) };
  };
  after(async () => {
    for (const c of open) c.close();
    for (const server of servers) await server.close();
  });

  it('bounds connections per remote address', async () => {
    const server = await start({ limits: { maxConnectionsPerIp: 2 } });
    const first = await dial(server);
    await first.expect(/^\* OK /);
    const second = await dial(server);
    await second.expect(/^\* OK /);
    const third = await dial(server);
    await third.expect(/^\* BYE \[UNAVAILABLE\] Too many connections from your address\.$/);
    await third.closed;
    first.close();
    await first.closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const fourth = await dial(server);
    await fourth.expect(/^\* OK /);
  });

  it('bounds sessions per account', async () => {
    const server = await start({ limits: { maxConnectionsPerAccount: 2 } });
    const one = await login(server);
    assert.match(one.reply.tagged, /^l OK /);
    const two = await login(server);
    assert.match(two.reply.tagged, /^l OK /);
    const three = await login(server);
    assert.match(three.reply.tagged, /^l NO \[LIMIT\] /);
    const other = await login(server, server.accounts[1]);
    assert.match(other.reply.tagged, /^l OK /);
    await one.c.transact('o LOGOUT', /^\* BYE/, /^o OK/);
    await one.c.closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    await three.c.transact(
      `l2 LOGIN ${server.accounts[0].address} "${server.accounts[0].password}"`,
      /^l2 OK /,
    );
  });

  it('logs out idle clients: before login and after', async () => {
    const server = await start({ limits: { preAuthIdleMs: 300, authIdleMs: 1500 } });
    const idle = await dial(server);
    await idle.expect(/^\* OK /);
    await idle.expect(/^\* BYE Disconnected for inactivity\.$/, 3000);
    await idle.closed;
    // Once logged in the longer timeout applies (it would have fired after 300 ms).
    const { c } = await login(server);
    await new Promise((resolve) => setTimeout(resolve, 600));
    await c.transact('n NOOP', /^n OK/);
    await c.expect(/^\* BYE Disconnected for inactivity\.$/, 4000);
    await c.closed;
  });

  it('cleans up a client that connects and never speaks (half-open)', async () => {
    const server = await start({ limits: { preAuthIdleMs: 200 } });
    const socket = connect({ host: '127.0.0.1', port: server.plainPort });
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('connect', resolve));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const listener = server.listeners[0];
    const count = () => listener.connectionCount;
    assert.equal(count(), 1);
    await new Promise((resolve) => socket.once('close', resolve));
    for (let i = 0; i < 50 && count() > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(count(), 0);
  });

  it('closes after repeated authentication failures on one connection', async () => {
    const server = await start({ limits: { maxAuthFailuresPerConnection: 2 } });
    const c = await dial(server);
    await c.expect(/^\* OK /);
    await c.transact(`f1 LOGIN ${server.accounts[0].address} wrong-one`, /^f1 NO \[AUTHENTICATIONFAILED\] /);
    await c.transact(
      `f2 LOGIN ${server.accounts[0].address} wrong-two`,
      /^f2 NO \[AUTHENTICATIONFAILED\] /,
      // The BYE follows the tagged reply; collected with the next read.
    );
    await c.expect(/^\* BYE Too many authentication failures\.$/);
    await c.closed;
  });

  it('throttles failed logins per box and address through the Authenticator, even with the right password', async () => {
    const server = await start({
      throttle: { perBoxAndAddress: { freeFailures: 2, baseDelayMs: 60_000 } },
      limits: { maxAuthFailuresPerConnection: 10 },
    });
    const [mario] = server.accounts;
    const c = await dial(server);
    await c.expect(/^\* OK /);
    for (let i = 0; i < 3; i++)
      await c.transact(`t${i} LOGIN ${mario.address} wrong${i}`, /NO \[AUTHENTICATIONFAILED\]/);
    await c.transact(
      `t9 LOGIN ${mario.address} "${mario.password}"`,
      /^t9 NO \[UNAVAILABLE\] Too many failed logins/,
    );
    const other = await login(server, server.accounts[1]);
    assert.match(other.reply.tagged, /^l OK /);
  });

  it('survives garbage: binary noise, NULs, over-long lines, and closes after too many BADs', async () => {
    const server = await start({ limits: { maxLineBytes: 1024, maxBadCommands: 5 } });
    const { c } = await login(server);
    c.write(Buffer.from([0, 1, 2, 255, 254, 13, 10]));
    await c.expect(/^\* BAD /);
    c.write(`g1 NOOP ${'x'.repeat(5000)}\r\n`);
    await c.expect(/^g1 BAD line longer than 1024 bytes$/);
    await c.transact('g2 NOOP', /^g2 OK/);
    for (let i = 0; i < 4; i++) c.write(`b${i} NOSUCH\r\n`);
    for (let i = 0; i < 4; i++) await c.expect(/BAD/);
    c.write('b9 NOSUCH\r\n');
    await c.expect(/^b9 BAD/);
    await c.expect(/^\* BYE Too many invalid IMAP commands\.$/);
    await c.closed;
    const fresh = await dial(server);
    await fresh.expect(/^\* OK /);
  });

  it('refuses huge literals: NO [TOOBIG] for a synchronising one, BYE for a non-synchronising one', async () => {
    const server = await start({ limits: { maxLiteralBytes: 1000 } });
    const { c } = await login(server);
    await c.transact('h1 LOGIN a {999999999}', /^h1 NO \[TOOBIG\] literal of 999999999 bytes exceeds 1000$/);
    await c.transact('h2 NOOP', /^h2 OK/);
    c.write('h3 CREATE {999999999+}\r\nxxxx');
    await c.expect(/^\* BYE \[TOOBIG\] /);
    await c.closed;
    const fresh = await dial(server);
    await fresh.expect(/^\* OK /);
  });

  it('before login, allows only LOGIN-sized literals and lines; the message-sized limit only after', async () => {
    const server = await start();
    const c = await dial(server);
    await c.expect(/^\* OK /);
    // Never "+ Ready": the server would then buffer 50 MB for a client nobody knows.
    await c.transact('p1 LOGIN {50000000}', /^p1 NO \[TOOBIG\] literal of 50000000 bytes exceeds 4096$/);
    c.write(`p2 NOOP ${'x'.repeat(20_000)}\r\n`);
    await c.expect(/^p2 BAD line longer than 8192 bytes$/);
    const mario = server.accounts[0];
    c.write(`p3 LOGIN {${mario.address.length}}\r\n`);
    await c.expect(/^\+ /);
    await c.continueWith('p3', `${mario.address} "${mario.password}"`, /^p3 OK /);
    c.write('p4 APPEND INBOX {100000}\r\n');
    await c.expect(/^\+ Ready for literal data$/);
  });

  it("before login, bounds the sum of one command's literals, not only each literal", async () => {
    const server = await start();
    const c = await dial(server);
    await c.expect(/^\* OK /);
    // Each literal is within the 4 KiB cap; together they would pass it.
    c.write(`t1 LOGIN {3000}\r\n`);
    await c.expect(/^\+ Ready for literal data$/);
    c.write(`${'u'.repeat(3000)} {3000}\r\n`);
    await c.expect(/^t1 NO \[TOOBIG\] literals of this command exceed 4096 bytes in total$/);
    // Non-synchronising literals that add up: the bytes come anyway, so the connection ends.
    const d = await dial(server);
    await d.expect(/^\* OK /);
    d.write(`t2 LOGIN {4000+}\r\n${'u'.repeat(4000)} {4000+}\r\n`);
    await d.expect(/^\* BYE \[TOOBIG\] literals of this command exceed 4096 bytes in total$/);
    await d.closed;
    // The session is still usable after a refused command, and the same literals log in once authenticated.
    const mario = server.accounts[0];
    c.write(`t3 LOGIN {${mario.address.length}}\r\n`);
    await c.expect(/^\+ /);
    await c.continueWith('t3', `${mario.address} "${mario.password}"`, /^t3 OK /);
    c.write(`t4 APPEND INBOX {3000}\r\n`);
    await c.expect(/^\+ Ready for literal data$/);
  });

  it('keeps memory bounded while a client streams a line without end', async () => {
    const server = await start({ limits: { maxLineBytes: 64 * 1024 } });
    const { c } = await login(server);
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    for (let i = 0; i < 32; i++) c.write(chunk);
    c.write('\r\n');
    await c.expect(/BAD line longer than 65536 bytes/, 10_000);
    await c.transact('m1 NOOP', /^m1 OK/);
    const grown = process.memoryUsage().heapUsed - before;
    assert.ok(grown < 24 * 1024 * 1024, `heap grew by ${grown} bytes for 32 MiB of input`);
  });

  it('says BYE to every client on close', async () => {
    const server = await start();
    const { c } = await login(server);
    const anonymous = await dial(server);
    await anonymous.expect(/^\* OK /);
    const closing = Promise.all(server.listeners.map((listener) => listener.close()));
    await c.expect(/^\* BYE Server shutting down\.$/);
    await anonymous.expect(/^\* BYE Server shutting down\.$/);
    await closing;
    await c.closed;
  });
});
