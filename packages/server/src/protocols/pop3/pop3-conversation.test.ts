// POP3 conversations over real sockets, written as transcripts (RFC 1939, 2449, 2595, 5034): every
// command in every state, STLS and implicit TLS, byte-exact RETR/TOP with byte-stuffing, DELE/RSET/
// QUIT semantics, the maildrop lock, timeouts, limits and the access history of each login.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openPop3Transcript, type Pop3Transcript } from './testing/pop3-transcript.ts';
import { startTestPop3, type TestPop3 } from './testing/start-test-pop3.ts';

const password = 'correct horse battery';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

const messages = {
  plain: Buffer.from(
    'From: mittente@pec.test\r\nTo: anna@pec.test\r\nSubject: uno\r\nMessage-ID: <1@pec.test>\r\n' +
      'Date: Mon, 04 May 2026 10:00:00 +0200\r\n\r\nriga 1\r\nriga 2\r\nriga 3\r\n',
  ),
  dots: Buffer.from(
    'From: mittente@pec.test\r\nTo: anna@pec.test\r\nSubject: punti\r\nMessage-ID: <2@pec.test>\r\n\r\n' +
      '.inizia con un punto\r\n..due punti\r\n.\r\nfine . \r\n',
  ),
  noFinalBreak: Buffer.from(
    'From: mittente@pec.test\r\nTo: anna@pec.test\r\nSubject: tre\r\nMessage-ID: <3@pec.test>\r\n\r\nsenza a capo',
  ),
};

describe('POP3 conversations', () => {
  let pop: TestPop3;
  let counter = 0;

  before(async () => {
    pop = await startTestPop3();
  });
  after(async () => {
    assert.deepEqual(pop.errors, [], 'no command failed inside the server');
    await pop.close();
  });

  /** A fresh mailbox with the three messages, so tests do not share state. */
  async function mailbox(): Promise<{ address: string; uids: number[] }> {
    counter += 1;
    const address = `utente${counter}@pec.test`;
    await pop.addMailbox(address, password);
    const uids = [];
    for (const bytes of [messages.plain, messages.dots, messages.noFinalBreak])
      uids.push(await pop.deliver(address, bytes));
    return { address, uids };
  }

  async function tls(): Promise<Pop3Transcript> {
    const c = await openPop3Transcript({ host: pop.host, port: pop.tlsPort, ca: pop.ca, implicitTls: true });
    await c.expect('+OK PEC POP3 server ready');
    return c;
  }

  async function plain(): Promise<Pop3Transcript> {
    const c = await openPop3Transcript({ host: pop.host, port: pop.plainPort, ca: pop.ca });
    await c.expect('+OK PEC POP3 server ready');
    return c;
  }

  async function loggedIn(address: string): Promise<Pop3Transcript> {
    const c = await tls();
    await c.command(`USER ${address}`, '+OK Send your password');
    await c.command(`PASS ${password}`, /^\+OK Logged in, maildrop has \d+ messages? \(\d+ octets\)$/);
    return c;
  }

  it('offers STLS and no login before TLS on the plain port, and refuses every login form', async () => {
    const { address } = await mailbox();
    const c = await plain();
    const capa = await c.multiline('CAPA', '+OK Capability list follows');
    assert.deepEqual(capa.lines, [
      'TOP',
      'UIDL',
      'RESP-CODES',
      'AUTH-RESP-CODE',
      'PIPELINING',
      'EXPIRE NEVER',
      'STLS',
      'IMPLEMENTATION PEC-POP3',
    ]);
    const refusal =
      '-ERR [AUTH] Plaintext authentication disallowed on non-secure connections; use STLS first';
    await c.command(`USER ${address}`, refusal);
    await c.command(`PASS ${password}`, refusal);
    await c.command(`AUTH PLAIN ${b64(`\0${address}\0${password}`)}`, refusal);
    await c.command('AUTH PLAIN', refusal);
    const mechanisms = await c.multiline('AUTH', '+OK Supported mechanisms follow');
    assert.deepEqual(mechanisms.lines, [], 'no mechanism is usable before TLS');
    await c.command('QUIT', '+OK Bye');
    await c.ended;
    assert.deepEqual(await pop.history.list({ address }), [], 'nothing reached the authenticator');
  });

  it('upgrades with STLS, then offers USER and SASL PLAIN and logs in with AUTH PLAIN', async () => {
    const { address } = await mailbox();
    const c = await plain();
    await c.startTls();
    const capa = await c.multiline('CAPA', '+OK Capability list follows');
    assert.deepEqual(capa.lines, [
      'TOP',
      'UIDL',
      'RESP-CODES',
      'AUTH-RESP-CODE',
      'PIPELINING',
      'EXPIRE NEVER',
      'USER',
      'SASL PLAIN',
      'IMPLEMENTATION PEC-POP3',
    ]);
    await c.command('STLS', '-ERR Command not permitted when TLS active');
    await c.command(
      `AUTH PLAIN ${b64(`\0${address}\0${password}`)}`,
      /^\+OK Logged in, maildrop has 3 messages \(\d+ octets\)$/,
    );
    const total = messages.plain.length + messages.dots.length + messages.noFinalBreak.length;
    await c.command('STAT', `+OK 3 ${total}`);
    await c.command('QUIT', '+OK Bye, 0 messages removed, 3 left');
    await c.ended;
    const [entry] = await pop.history.list({ address });
    assert.equal(entry?.protocol, 'pop3');
    assert.equal(entry.outcome, 'success');
    assert.equal(entry.remoteAddress, '127.0.0.1');
  });

  it('drops commands pipelined after STLS in the clear (no STARTTLS injection)', async () => {
    const c = await plain();
    c.write('STLS\r\nNOOP\r\nUSER injected@pec.test\r\n');
    await c.expect('+OK Begin TLS negotiation');
    await c.upgradeTls();
    const capa = await c.multiline('CAPA', '+OK Capability list follows');
    assert.ok(capa.lines.includes('USER'), 'the first answer under TLS is for CAPA');
    await c.command('PASS secret', '-ERR USER first');
    await c.command('QUIT', '+OK Bye');
  });

  it('answers wrong-state commands with -ERR and keeps the session usable', async () => {
    const { address } = await mailbox();
    const c = await tls();
    for (const command of ['STAT', 'LIST', 'UIDL', 'RETR 1', 'TOP 1 0', 'DELE 1', 'RSET', 'NOOP']) {
      await c.command(command, `-ERR ${command.split(' ')[0] ?? ''} is not valid in this state`);
    }
    await c.command('PASS secret', '-ERR USER first');
    await c.command('QUIT', '+OK Bye');
    const d = await loggedIn(address);
    for (const command of [`USER ${address}`, 'PASS x', 'AUTH PLAIN', 'STLS']) {
      await d.command(command, `-ERR ${command.split(' ')[0] ?? ''} is not valid in this state`);
    }
    await d.command('XYZZY', '-ERR Unknown command');
    await d.command('NOOP', '+OK');
    await d.command('QUIT', /^\+OK Bye/);
  });

  it('lists sizes and unique ids, for all messages and one, and refuses bad numbers', async () => {
    const { address, uids } = await mailbox();
    const inbox = await pop.storage.mailboxes.getFolder(
      (await pop.storage.accounts.findMailboxByAddress(address))?.id ?? 0,
      'INBOX',
    );
    const v = inbox?.uidValidity;
    const c = await loggedIn(address);
    const sizes = [messages.plain.length, messages.dots.length, messages.noFinalBreak.length];
    const total = sizes.reduce((a, b) => a + b, 0);
    const list = await c.multiline('LIST', `+OK 3 messages (${total} octets)`);
    assert.deepEqual(
      list.lines,
      sizes.map((size, i) => `${i + 1} ${size}`),
    );
    await c.command('LIST 2', `+OK 2 ${sizes[1]}`);
    const uidl = await c.multiline('UIDL', '+OK Unique-id listing follows');
    assert.deepEqual(
      uidl.lines,
      uids.map((uid, i) => `${i + 1} ${v}.${uid}`),
    );
    await c.command('UIDL 3', `+OK 3 ${v}.${uids[2]}`);
    for (const bad of ['LIST 4', 'LIST 0', 'UIDL 99', 'RETR 4', 'DELE 4', 'LIST x', 'RETR -1']) {
      await c.command(bad, '-ERR No such message');
    }
    await c.command('TOP 4 0', '-ERR No such message');
    await c.command('TOP 1 x', '-ERR Syntax error: the line count must be a non-negative number');
    await c.command('RETR', '-ERR Syntax error: RETR takes 1 argument');
    await c.command('LIST 1 2', '-ERR Syntax error: LIST takes 0 to 1 arguments');
    await c.command('STAT now', '-ERR Syntax error: STAT takes no arguments');
    await c.command('TOP 1', '-ERR Syntax error: TOP takes 2 arguments');
    await c.command('QUIT', /^\+OK Bye/);
  });

  it('serves RETR byte-exact, byte-stuffing lines that start with a dot', async () => {
    const { address } = await mailbox();
    const c = await loggedIn(address);
    const one = await c.multiline('RETR 1', `+OK ${messages.plain.length} octets`);
    assert.deepEqual(one.body, messages.plain);
    assert.deepEqual(one.wire, Buffer.concat([messages.plain, Buffer.from('.\r\n')]));
    const dots = await c.multiline('RETR 2', `+OK ${messages.dots.length} octets`);
    assert.deepEqual(dots.body, messages.dots);
    const wire = dots.wire.toString('latin1');
    assert.ok(wire.endsWith('\r\n\r\n..inizia con un punto\r\n...due punti\r\n..\r\nfine . \r\n.\r\n'), wire);
    const last = await c.multiline('RETR 3', `+OK ${messages.noFinalBreak.length} octets`);
    assert.deepEqual(last.wire, Buffer.concat([messages.noFinalBreak, Buffer.from('\r\n.\r\n')]));
    await c.command('QUIT', '+OK Bye, 0 messages removed, 3 left');
  });

  it('serves TOP with 0 and n lines, byte-stuffed, and the whole message for large n', async () => {
    const { address } = await mailbox();
    const c = await loggedIn(address);
    const header = messages.plain.toString('latin1').split('\r\n\r\n')[0] ?? '';
    const zero = await c.multiline('TOP 1 0', '+OK Top of message follows');
    assert.equal(zero.body.toString('latin1'), `${header}\r\n\r\n`);
    const two = await c.multiline('TOP 1 2', '+OK Top of message follows');
    assert.equal(two.body.toString('latin1'), `${header}\r\n\r\nriga 1\r\nriga 2\r\n`);
    const dots = await c.multiline('TOP 2 3', '+OK Top of message follows');
    assert.ok(
      dots.wire.toString('latin1').endsWith('\r\n\r\n..inizia con un punto\r\n...due punti\r\n..\r\n.\r\n'),
    );
    const all = await c.multiline('TOP 1 1000', '+OK Top of message follows');
    assert.deepEqual(all.body, messages.plain);
    await c.command('QUIT', '+OK Bye, 0 messages removed, 3 left');
    const seen = await pop.storage.mailboxes.listMessages(
      (
        await pop.storage.mailboxes.getFolder(
          (await pop.storage.accounts.findMailboxByAddress(address))?.id ?? 0,
          'INBOX',
        )
      )?.id ?? 0,
    );
    assert.deepEqual(
      seen.map((m) => m.flags),
      [[], [], []],
      'TOP does not mark messages seen',
    );
  });

  it('forgets deletions on RSET: nothing is removed at QUIT', async () => {
    const { address, uids } = await mailbox();
    const c = await loggedIn(address);
    await c.command('DELE 1', '+OK Message 1 deleted');
    await c.command('DELE 1', '-ERR Message 1 already deleted');
    await c.command('DELE 3', '+OK Message 3 deleted');
    await c.command('STAT', `+OK 1 ${messages.dots.length}`);
    await c.command('RETR 1', '-ERR No such message');
    await c.command('LIST 3', '-ERR No such message');
    await c.command('RSET', /^\+OK Maildrop has 3 messages \(\d+ octets\)$/);
    await c.command('LIST 1', `+OK 1 ${messages.plain.length}`);
    await c.command('QUIT', '+OK Bye, 0 messages removed, 3 left');
    await c.ended;
    assert.deepEqual(await pop.inboxUids(address), uids);
  });

  it('removes exactly the deleted messages at QUIT and marks retrieved ones \\Seen', async () => {
    const { address, uids } = await mailbox();
    const c = await loggedIn(address);
    await c.multiline('RETR 2', /^\+OK/);
    await c.command('DELE 1', '+OK Message 1 deleted');
    await c.command('DELE 3', '+OK Message 3 deleted');
    const list = await c.multiline('LIST', `+OK 1 message (${messages.dots.length} octets)`);
    assert.deepEqual(list.lines, [`2 ${messages.dots.length}`]);
    const uidl = await c.multiline('UIDL', /^\+OK/);
    assert.equal(uidl.lines.length, 1);
    await c.command('QUIT', '+OK Bye, 2 messages removed, 1 left');
    await c.ended;
    assert.deepEqual(await pop.inboxUids(address), [uids[1]]);
    assert.deepEqual((await pop.inboxFlags(address)).get(uids[1] ?? 0), ['\\Seen']);
    const next = await loggedIn(address);
    await next.command('STAT', `+OK 1 ${messages.dots.length}`);
    await next.command('UIDL 1', uidl.lines[0]?.replace(/^2 /, '+OK 1 ') ?? '');
    await next.command('QUIT', /^\+OK Bye/);
  });

  it('keeps deletions when the connection drops instead of QUIT, and unlocks the maildrop', async () => {
    const { address, uids } = await mailbox();
    const c = await loggedIn(address);
    await c.command('DELE 1', '+OK Message 1 deleted');
    c.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(await pop.inboxUids(address), uids);
    const again = await loggedIn(address);
    await again.command('STAT', /^\+OK 3 /);
    await again.command('QUIT', /^\+OK Bye/);
  });

  it('refuses a second session on the same maildrop with [IN-USE] until the first quits', async () => {
    const { address } = await mailbox();
    const first = await loggedIn(address);
    const second = await tls();
    await second.command(`USER ${address}`, '+OK Send your password');
    await second.command(`PASS ${password}`, '-ERR [IN-USE] Mailbox is locked by another POP3 session');
    await second.command('STAT', '-ERR STAT is not valid in this state');
    await first.command('QUIT', /^\+OK Bye/);
    await first.ended;
    await second.command(`AUTH PLAIN ${b64(`\0${address}\0${password}`)}`, /^\+OK Logged in/);
    await second.command('QUIT', /^\+OK Bye/);
  });

  it('answers bad credentials with [AUTH], records them, and closes after three failures', async () => {
    const { address } = await mailbox();
    const c = await tls();
    await c.command(`USER ${address}`, '+OK Send your password');
    await c.command('PASS wrong password', '-ERR [AUTH] Authentication failed');
    await c.command('USER nobody@pec.test', '+OK Send your password');
    await c.command('PASS whatever', '-ERR [AUTH] Authentication failed');
    await c.command(`AUTH PLAIN ${b64(`\0${address}\0nope`)}`, '-ERR [AUTH] Authentication failed');
    await c.ended;
    const failures = await pop.history.list({ address, outcome: 'failure' });
    assert.equal(failures.length, 2);
    assert.ok(failures.every((e) => e.protocol === 'pop3'));
    assert.equal((await pop.history.list({ address: 'nobody@pec.test' }))[0]?.mailboxId, null);
  });

  it('runs the SASL PLAIN exchange without initial response, with cancel and bad data', async () => {
    const { address } = await mailbox();
    const c = await tls();
    const mechanisms = await c.multiline('AUTH', '+OK Supported mechanisms follow');
    assert.deepEqual(mechanisms.lines, ['PLAIN']);
    await c.command('AUTH LOGIN', '-ERR Unsupported authentication mechanism');
    await c.command('AUTH PLAIN', '+ ');
    await c.command('*', '-ERR Authentication cancelled');
    await c.command('AUTH PLAIN', '+ ');
    await c.command('not base64!', '-ERR [AUTH] Invalid base64 data');
    await c.command('AUTH PLAIN', '+ ');
    await c.command(
      b64(`someone@pec.test\0${address}\0${password}`),
      '-ERR [AUTH] Acting as another identity is not permitted',
    );
    await c.command(`AUTH PLAIN ${b64(`\0${address}\0wrong`)}`, '-ERR [AUTH] Authentication failed');
    await c.ended;
    const d = await tls();
    await d.command('AUTH plain', '+ ');
    await d.command(b64(`${address}\0${address}\0${password}`), /^\+OK Logged in, maildrop has 3 messages/);
    await d.command('QUIT', /^\+OK Bye/);
  });

  it('tells a suspended mailbox apart with [SYS/PERM] (to a holder of the password)', async () => {
    const { address } = await mailbox();
    const id = (await pop.storage.accounts.findMailboxByAddress(address))?.id ?? 0;
    await pop.storage.accounts.updateMailbox(id, { status: 'suspended' });
    const c = await tls();
    await c.command(`USER ${address}`, '+OK Send your password');
    await c.command(`PASS ${password}`, '-ERR [SYS/PERM] Mailbox is disabled');
    c.close();
    assert.equal((await pop.history.list({ mailboxId: id }))[0]?.outcome, 'disabled');
  });

  it('accepts pipelined commands and answers them in order', async () => {
    const { address } = await mailbox();
    const c = await tls();
    c.write(`USER ${address}\r\nPASS ${password}\r\nSTAT\r\nLIST 1\r\nDELE 2\r\nSTAT\r\nRSET\r\nNOOP\r\n`);
    await c.expect('+OK Send your password');
    await c.expect(/^\+OK Logged in/);
    await c.expect(/^\+OK 3 \d+$/);
    await c.expect(`+OK 1 ${messages.plain.length}`);
    await c.expect('+OK Message 2 deleted');
    await c.expect(/^\+OK 2 \d+$/);
    await c.expect(/^\+OK Maildrop has 3 messages/);
    await c.expect('+OK');
    await c.command('QUIT', '+OK Bye, 0 messages removed, 3 left');
  });

  it('refuses overlong lines, then closes after too many bad commands', async () => {
    const c = await tls();
    await c.command(`USER ${'x'.repeat(9000)}`, '-ERR Line too long');
    await c.multiline('CAPA', '+OK Capability list follows');
    c.close();
    const d = await tls();
    for (let i = 1; i < 10; i += 1) await d.command('GARBAGE', '-ERR Unknown command');
    await d.command('HELO', '-ERR Too many bad commands, closing connection');
    await d.ended;
  });
});

describe('POP3 limits', () => {
  it('logs out an idle session without committing its deletions', async () => {
    const pop = await startTestPop3({ idleTimeoutMs: 300 });
    try {
      await pop.addMailbox('idle@pec.test', password);
      const uid = await pop.deliver('idle@pec.test', messages.plain);
      const c = await openPop3Transcript({
        host: pop.host,
        port: pop.tlsPort,
        ca: pop.ca,
        implicitTls: true,
      });
      await c.expect(/^\+OK/);
      await c.command('USER idle@pec.test', '+OK Send your password');
      await c.command(`PASS ${password}`, /^\+OK Logged in/);
      await c.command('DELE 1', '+OK Message 1 deleted');
      const started = Date.now();
      await c.expect('-ERR Autologout; idle for too long');
      await c.ended;
      assert.ok(Date.now() - started >= 250);
      assert.deepEqual(await pop.inboxUids('idle@pec.test'), [uid]);
      const d = await openPop3Transcript({
        host: pop.host,
        port: pop.tlsPort,
        ca: pop.ca,
        implicitTls: true,
      });
      await d.expect(/^\+OK/);
      await d.command('USER idle@pec.test', '+OK Send your password');
      await d.command(`PASS ${password}`, /^\+OK Logged in, maildrop has 1 message /);
      d.close();
    } finally {
      await pop.close();
    }
  });

  it('bounds connections per address and says why', async () => {
    const pop = await startTestPop3({ maxConnectionsPerAddress: 2 });
    try {
      const open = () => openPop3Transcript({ host: pop.host, port: pop.plainPort, ca: pop.ca });
      const a = await open();
      const b = await open();
      await a.expect(/^\+OK/);
      await b.expect(/^\+OK/);
      const c = await open();
      await c.expect('-ERR [SYS/TEMP] Too many connections from your address');
      await c.ended;
      a.close();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const d = await open();
      await d.expect(/^\+OK/);
      d.close();
      b.close();
    } finally {
      await pop.close();
    }
  });

  it('tells open sessions the server is shutting down, without committing', async () => {
    const pop = await startTestPop3();
    try {
      await pop.addMailbox('shutdown@pec.test', password);
      await pop.deliver('shutdown@pec.test', messages.plain);
      const c = await openPop3Transcript({
        host: pop.host,
        port: pop.tlsPort,
        ca: pop.ca,
        implicitTls: true,
      });
      await c.expect(/^\+OK/);
      await c.command('USER shutdown@pec.test', '+OK Send your password');
      await c.command(`PASS ${password}`, /^\+OK Logged in/);
      await c.command('DELE 1', '+OK Message 1 deleted');
      const stopping = pop.stopServer();
      await c.expect('-ERR [SYS/TEMP] Server shutting down');
      await c.ended;
      await stopping;
      assert.equal((await pop.inboxUids('shutdown@pec.test')).length, 1);
    } finally {
      await pop.close();
    }
  });
});
