/**
 * IMAP session conversations over real sockets, as transcripts: greeting and capabilities, STARTTLS
 * and LOGINDISABLED, LOGIN and AUTHENTICATE (PLAIN, LOGIN, SASL-IR), commands in the wrong state,
 * syntax errors, literals, throttling, connection limits, timeouts and LOGOUT.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openImapConversation, type ImapConversation } from './testing/imap-conversation.ts';
import { startImapTestServer, type ImapTestServer } from './testing/imap-test-server.ts';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('IMAP session', () => {
  let server: ImapTestServer;
  const open: ImapConversation[] = [];
  const dial = async (kind: 'plain' | 'tls' = 'tls') => {
    const c = await openImapConversation({
      port: kind === 'tls' ? server.tlsPort : server.plainPort,
      ca: server.ca,
      implicitTls: kind === 'tls',
    });
    open.push(c);
    return c;
  };
  const loggedIn = async () => {
    const c = await dial();
    await c.expect(/^\* OK \[CAPABILITY /);
    const [mario] = server.accounts;
    await c.transact(`l1 LOGIN ${mario.address} "${mario.password}"`, /^l1 OK \[CAPABILITY .*\] Logged in$/);
    return c;
  };

  before(async () => {
    server = await startImapTestServer();
  });
  after(async () => {
    for (const c of open) c.close();
    await server.close();
  });

  it('greets with the pre-login capabilities: STARTTLS and LOGINDISABLED on the plain port', async () => {
    const c = await dial('plain');
    const greeting = await c.expect(/^\* OK \[CAPABILITY IMAP4rev1 .*\] PEC IMAP server ready\.$/);
    assert.match(greeting, / STARTTLS /);
    assert.match(greeting, / LOGINDISABLED\]/);
    assert.doesNotMatch(greeting, /AUTH=/);
    await c.transact(
      'a1 CAPABILITY',
      /^\* CAPABILITY .*STARTTLS LOGINDISABLED$/,
      /^a1 OK CAPABILITY completed\.$/,
    );
    const [mario] = server.accounts;
    await c.transact(`a2 LOGIN ${mario.address} x`, /^a2 NO \[PRIVACYREQUIRED\] /);
    await c.transact('a3 AUTHENTICATE PLAIN', /^a3 NO \[PRIVACYREQUIRED\] /);
  });

  it('upgrades with STARTTLS, then offers AUTH= and no STARTTLS, and logs in', async () => {
    const c = await dial('plain');
    await c.expect(/^\* OK /);
    await c.transact('s1 STARTTLS', /^s1 OK Begin TLS negotiation now\.$/);
    await c.startTls();
    const [capabilities] = await c.transact('s2 CAPABILITY', /^\* CAPABILITY /, /^s2 OK/);
    assert.match(capabilities ?? '', /AUTH=PLAIN AUTH=LOGIN/);
    assert.doesNotMatch(capabilities ?? '', /STARTTLS|LOGINDISABLED/);
    await c.transact('s3 STARTTLS', /^s3 BAD /);
    const [mario] = server.accounts;
    await c.transact(
      `s4 LOGIN ${mario.address} "${mario.password}"`,
      /^s4 OK \[CAPABILITY IMAP4rev1 .*\] Logged in$/,
    );
  });

  it('discards commands pipelined after STARTTLS (RFC 9051 §6.2.1)', async () => {
    const c = await dial('plain');
    await c.expect(/^\* OK /);
    c.write('p1 STARTTLS\r\np2 CAPABILITY\r\n');
    await c.expect(/^p1 OK /);
    await c.startTls();
    await c.transact('p3 NOOP', /^p3 OK NOOP completed\.$/);
  });

  it('runs a STARTTLS pipelined behind other commands', async () => {
    const c = await dial('plain');
    await c.expect(/^\* OK /);
    c.write('q1 NOOP\r\nq2 STARTTLS\r\nq3 NOOP\r\n');
    await c.expect(/^q1 OK/);
    await c.expect(/^q2 OK /);
    await c.startTls();
    await c.transact('q4 NOOP', /^q4 OK NOOP completed\.$/);
  });

  it('accepts AUTHENTICATE PLAIN with SASL-IR and without', async () => {
    const [mario] = server.accounts;
    const c = await dial();
    await c.expect(/^\* OK /);
    await c.transact(
      `x1 AUTHENTICATE PLAIN ${b64(`\0${mario.address}\0${mario.password}`)}`,
      /^x1 OK \[CAPABILITY /,
    );
    const d = await dial();
    await d.expect(/^\* OK /);
    d.send('y1 AUTHENTICATE PLAIN');
    await d.expect(/^\+ $/);
    await d.continueWith(
      'y1',
      b64(`${mario.address}\0${mario.address}\0${mario.password}`),
      /^y1 OK \[CAPABILITY /,
    );
  });

  it('accepts AUTHENTICATE LOGIN and lets the client cancel', async () => {
    const [mario] = server.accounts;
    const c = await dial();
    await c.expect(/^\* OK /);
    c.send('z1 AUTHENTICATE LOGIN');
    await c.expect(new RegExp(`^\\+ ${b64('Username:')}$`));
    c.send(b64(mario.address));
    await c.expect(new RegExp(`^\\+ ${b64('Password:')}$`));
    await c.continueWith('z1', b64(mario.password), /^z1 OK \[CAPABILITY /);
    const d = await dial();
    await d.expect(/^\* OK /);
    d.send('z2 AUTHENTICATE PLAIN');
    await d.expect(/^\+ $/);
    await d.continueWith('z2', '*', /^z2 BAD Authentication aborted by client\.$/);
    d.send('z3 AUTHENTICATE PLAIN');
    await d.expect(/^\+ $/);
    await d.continueWith('z3', '%%%not base64', /^z3 BAD /);
    await d.transact('z4 AUTHENTICATE CRAM-MD5', /^z4 NO /);
    await d.transact('z5 NOOP', /^z5 OK/);
  });

  it('takes a LOGIN password as a synchronising literal', async () => {
    const [mario] = server.accounts;
    const c = await dial();
    await c.expect(/^\* OK /);
    c.send(`l1 LOGIN ${mario.address} {${Buffer.byteLength(mario.password)}}`);
    await c.expect(/^\+ Ready for literal data$/);
    await c.continueWith('l1', mario.password, /^l1 OK \[CAPABILITY /);
  });

  it('takes a LOGIN password as a LITERAL+ literal', async () => {
    const [mario] = server.accounts;
    const c = await dial();
    await c.expect(/^\* OK /);
    c.write(`l1 LOGIN ${mario.address} {${Buffer.byteLength(mario.password)}+}\r\n`);
    await c.continueWith('l1', mario.password, /^l1 OK \[CAPABILITY /);
  });

  it('refuses a wrong password without telling whether the address exists', async () => {
    const c = await dial();
    await c.expect(/^\* OK /);
    const [mario] = server.accounts;
    await c.transact(
      `f1 LOGIN ${mario.address} wrongpassword`,
      /^f1 NO \[AUTHENTICATIONFAILED\] Authentication failed\.$/,
    );
    await c.transact(
      'f2 LOGIN nobody@pec.test wrongpassword',
      /^f2 NO \[AUTHENTICATIONFAILED\] Authentication failed\.$/,
    );
  });

  it('answers commands in the wrong state with BAD', async () => {
    const c = await dial();
    await c.expect(/^\* OK /);
    await c.transact('w1 SELECT INBOX', /^w1 BAD Not authenticated\.$/);
    await c.transact('w2 LIST "" *', /^w2 BAD Not authenticated\.$/);
    await c.transact('w3 CLOSE', /^w3 BAD Not authenticated\.$/);
    const d = await loggedIn();
    await d.transact('w4 CLOSE', /^w4 BAD No mailbox selected\.$/);
    await d.transact('w5 UNSELECT', /^w5 BAD No mailbox selected\.$/);
    await d.transact('w6 CHECK', /^w6 BAD No mailbox selected\.$/);
    await d.transact('w7 LOGIN a b', /^w7 BAD Already authenticated\.$/);
    await d.transact('w8 AUTHENTICATE PLAIN', /^w8 BAD Already authenticated\.$/);
    await d.transact('w9 STARTTLS', /^w9 BAD Already authenticated\.$/);
    await d.transact('w10 NOOP', /^w10 OK NOOP completed\.$/);
  });

  it('answers syntax errors and unknown commands with BAD and goes on', async () => {
    const c = await loggedIn();
    await c.transact('b1 FROBNICATE', /^b1 BAD Unknown command\.$/);
    await c.transact('b2 SELECT', /^b2 BAD Error in IMAP command SELECT: /);
    await c.transact('b3 LIST "unterminated', /^b3 BAD /);
    c.send('* NOOP');
    await c.expect(/^\* BAD /);
    await c.transact('b4 NOOP', /^b4 OK/);
  });

  it('handles ID, NAMESPACE and ENABLE', async () => {
    const c = await loggedIn();
    await c.transact(
      'i1 ID ("name" "test client" "version" "1.0")',
      /^\* ID \("name" "PEC IMAP"\)$/,
      /^i1 OK/,
    );
    await c.transact('i2 NAMESPACE', /^\* NAMESPACE \(\("" "\/"\)\) NIL NIL$/, /^i2 OK/);
    const [capabilities = ''] = await c.transact('i3 CAPABILITY', /^\* CAPABILITY /, /^i3 OK/);
    // Only advertised extensions are enabled (CONDSTORE needs the message commands).
    const condstore = capabilities.includes(' CONDSTORE') ? ' CONDSTORE' : '';
    await c.transact('i4 ENABLE CONDSTORE X-UNKNOWN', new RegExp(`^\\* ENABLED${condstore}$`), /^i4 OK/);
    await c.transact('i5 ENABLE CONDSTORE', /^\* ENABLED$/, /^i5 OK/);
  });

  it('says BYE on LOGOUT and closes', async () => {
    const c = await loggedIn();
    await c.transact('o1 LOGOUT', /^\* BYE Logging out$/, /^o1 OK Logout completed\.$/);
    await c.closed;
  });
});
