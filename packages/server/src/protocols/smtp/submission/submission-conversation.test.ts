/**
 * SMTP submission conversations over real sockets, as transcripts, with fake seams: TLS before AUTH,
 * AUTH PLAIN/LOGIN, refusals passed through with their codes, size limit, the 250 only after an
 * accepted submit, 451 on our failures, implicit TLS and graceful close (decision 0004, pec-spec §2.2).
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  createFakeAccessPoint,
  createFakeAuthenticator,
  createTestTls,
} from '../testing/fake-submission-services.ts';
import type { FakeAccessPoint, FakeAuthenticator, TestTls } from '../testing/fake-submission-services.ts';
import { openSmtpTranscript } from '../testing/smtp-transcript.ts';
import type { SmtpTranscript } from '../testing/smtp-transcript.ts';
import type { SenderRefusal } from '../../../services/pipeline/access-point/access-point.ts';
import { SubmissionRefusedError } from '../../../services/pipeline/access-point/create-access-point.ts';
import { createMemoryEventLog } from '../../../telemetry/create-memory-event-log.ts';
import { createSubmissionServer } from './create-submission-server.ts';
import type { ListenerAddress } from '../../listener-address.ts';
import type { SubmissionServer } from './create-submission-server.ts';

const user = 'mario.rossi@pec.test';
const password = 'correct horse battery staple';
const plainToken = (authzid: string, authcid: string, pw: string) =>
  Buffer.from(`${authzid}\0${authcid}\0${pw}`).toString('base64');
const b64 = (text: string) => Buffer.from(text).toString('base64');
const maxMessageBytes = 4096;

function message(extraBody = ''): string {
  return (
    `From: ${user}\r\nTo: anna@pec.test\r\nSubject: prova\r\nMessage-ID: <m1@client>\r\n\r\n` +
    `Hello\r\n..a line starting with a dot\r\n${extraBody}`
  );
}

describe('SMTP submission conversations', () => {
  let tls: TestTls;
  let accessPoint: FakeAccessPoint;
  let authenticator: FakeAuthenticator;
  let server: SubmissionServer | undefined;
  let endpoints: readonly ListenerAddress[];
  const log = createMemoryEventLog();
  /** Our own failures: the events that carry a stack. */
  const errors = () =>
    log.events.flatMap((event) =>
      event.event === 'error.unexpected' ? [{ where: event.where, error: event.error }] : [],
    );
  const open: SmtpTranscript[] = [];

  const port = (kind: ListenerAddress['tls']) => {
    const endpoint = endpoints.find((e) => e.tls === kind);
    assert.ok(endpoint !== undefined);
    return endpoint.port;
  };
  const dial = async (kind: ListenerAddress['tls'] = 'starttls') => {
    const t = await openSmtpTranscript({
      host: '127.0.0.1',
      port: port(kind),
      ca: tls.ca,
      implicitTls: kind === 'implicit',
    });
    open.push(t);
    await t.expect(220, /Test PEC: PEC access point/);
    return t;
  };
  /** STARTTLS, EHLO and AUTH PLAIN: a session ready for MAIL FROM. */
  const loggedIn = async () => {
    const t = await dial();
    await t.send('EHLO client.test', 250);
    await t.startTls();
    await t.send('EHLO client.test', 250);
    await t.send(`AUTH PLAIN ${plainToken('', user, password)}`, 235);
    return t;
  };
  const sendData = async (t: SmtpTranscript, content: string, code: number, pattern?: RegExp) => {
    await t.send('DATA', 354);
    t.write(`${content}\r\n.\r\n`);
    return t.expect(code, pattern);
  };

  before(async () => {
    tls = await createTestTls();
  });
  beforeEach(async () => {
    for (const t of open.splice(0)) await t.close();
    await server?.close();
    accessPoint = createFakeAccessPoint();
    authenticator = createFakeAuthenticator({ [user]: password });
    log.clear();
    server = createSubmissionServer(
      { accessPoint, authenticator },
      {
        host: '127.0.0.1',
        starttlsPort: 0,
        implicitTlsPort: 0,
        hostname: 'mx.pec.test',
        providerName: 'Test PEC',
        tls: { cert: tls.cert, key: tls.key },
        maxMessageBytes,
        closeTimeoutMs: 500,
        events: log,
      },
    );
    endpoints = await server.listen();
  });
  after(async () => {
    for (const t of open.splice(0)) await t.close();
    await server?.close();
  });

  it('listens on both listeners with resolved ports', () => {
    assert.deepEqual(
      endpoints.map((e) => [e.name, e.tls]),
      [
        ['submission', 'starttls'],
        ['submissions', 'implicit'],
      ],
    );
    for (const e of endpoints) {
      assert.equal(e.host, '127.0.0.1');
      assert.ok(e.port > 0);
    }
  });

  it('offers STARTTLS and SIZE but no AUTH over plain text, and refuses mail before TLS', async () => {
    const t = await dial();
    const ehlo = await t.send('EHLO client.test', 250);
    assert.match(ehlo.lines[0] ?? '', /^mx\.pec\.test /);
    assert.ok(ehlo.lines.includes('STARTTLS'));
    assert.ok(ehlo.lines.includes(`SIZE ${maxMessageBytes}`));
    assert.ok(!ehlo.lines.some((l) => l.startsWith('AUTH')), ehlo.text);
    const auth = await t.send(`AUTH PLAIN ${plainToken('', user, password)}`, 500);
    assert.doesNotMatch(auth.text, /235/);
    await t.send(`MAIL FROM:<${user}>`, 530, /^5\.7\.0 .*STARTTLS/);
    await t.send('RCPT TO:<anna@pec.test>', 503);
    assert.equal(authenticator.attempts.length, 0);
    assert.equal(accessPoint.senderChecks.length, 0);
  });

  it('after STARTTLS offers AUTH PLAIN LOGIN, no STARTTLS, and requires AUTH for MAIL', async () => {
    const t = await dial();
    await t.send('EHLO client.test', 250);
    await t.startTls();
    const ehlo = await t.send('EHLO client.test', 250);
    assert.ok(ehlo.lines.includes('AUTH PLAIN LOGIN'), ehlo.text);
    assert.ok(!ehlo.lines.includes('STARTTLS'));
    assert.ok(!ehlo.lines.includes('ENHANCEDSTATUSCODES'));
    await t.send(`MAIL FROM:<${user}>`, 530, /^5\.7\.0 Authentication required/);
  });

  it('AUTH PLAIN after TLS reaches the authenticator as protocol smtp', async () => {
    const t = await loggedIn();
    assert.equal(authenticator.attempts.length, 1);
    const attempt = authenticator.attempts[0];
    assert.ok(attempt !== undefined);
    assert.equal(attempt.username, user);
    assert.equal(attempt.password, password);
    assert.equal(attempt.protocol, 'smtp');
    assert.equal(attempt.remoteAddress, '127.0.0.1');
    await t.send('AUTH PLAIN', 503);
  });

  it('AUTH LOGIN after TLS', async () => {
    const t = await dial();
    await t.send('EHLO client.test', 250);
    await t.startTls();
    await t.send('EHLO client.test', 250);
    await t.send('AUTH LOGIN', 334, /^VXNlcm5hbWU6$/);
    await t.send(b64(user), 334, /^UGFzc3dvcmQ6$/);
    await t.send(b64(password), 235);
    await t.send(`MAIL FROM:<${user}>`, 250);
  });

  it('a wrong password gets 535 5.7.8 and no session', async () => {
    const t = await dial();
    await t.send('EHLO client.test', 250);
    await t.startTls();
    await t.send('EHLO client.test', 250);
    await t.send(`AUTH PLAIN ${plainToken('', user, 'wrong')}`, 535, /^5\.7\.8 Authentication failed/);
    await t.send(`MAIL FROM:<${user}>`, 530);
  });

  it('answers a failed AUTH only after a pause, while other sessions go on', async () => {
    const slow = createSubmissionServer(
      { accessPoint, authenticator },
      {
        host: '127.0.0.1',
        starttlsPort: 0,
        hostname: 'mx.pec.test',
        providerName: 'Test PEC',
        tls: { cert: tls.cert, key: tls.key },
        maxMessageBytes,
        closeTimeoutMs: 500,
        authFailureDelayMs: 4000,
      },
    );
    const [endpoint] = await slow.listen();
    assert.ok(endpoint !== undefined);
    try {
      const open2 = () =>
        openSmtpTranscript({ host: '127.0.0.1', port: endpoint.port, ca: tls.ca, implicitTls: false });
      const guesser = await open2();
      open.push(guesser);
      await guesser.expect(220);
      await guesser.send('EHLO client.test', 250);
      await guesser.startTls();
      await guesser.send('EHLO client.test', 250);
      let answered = false;
      const failure = guesser.send(`AUTH PLAIN ${plainToken('', user, 'wrong')}`, 535).then(() => {
        answered = true;
      });
      // Another client is served in the meantime: the pause is a timer, not a blocked loop.
      const other = await open2();
      open.push(other);
      await other.expect(220);
      await other.send('EHLO other.test', 250);
      await other.send('NOOP', 250);
      assert.equal(answered, false, 'the failed AUTH was answered without a pause');
      await failure;
    } finally {
      await slow.close();
    }
  });

  it('throttled and disabled logins have their own codes; a failing authenticator gives 451', async () => {
    const t = await dial();
    await t.send('EHLO client.test', 250);
    await t.startTls();
    await t.send('EHLO client.test', 250);
    authenticator.answerWith(() => Promise.resolve({ ok: false, refusal: { reason: 'too-many-failures' } }));
    await t.send(`AUTH PLAIN ${plainToken('', user, password)}`, 454, /^4\.7\.0 Too many failed logins/);
    authenticator.answerWith(() => Promise.resolve({ ok: false, refusal: { reason: 'mailbox-disabled' } }));
    await t.send(`AUTH PLAIN ${plainToken('', user, password)}`, 535, /suspended or deactivated/);
    authenticator.answerWith(() => Promise.reject(new Error('database is down')));
    await t.send(`AUTH PLAIN ${plainToken('', user, password)}`, 451, /^4\.3\.0 /);
    assert.equal(errors().length, 1);
    assert.match(String(errors()[0]?.error), /database is down/);
  });

  it('refuses a PLAIN authorisation identity naming another mailbox', async () => {
    const t = await dial();
    await t.send('EHLO client.test', 250);
    await t.startTls();
    await t.send('EHLO client.test', 250);
    await t.send(`AUTH PLAIN ${plainToken('anna@pec.test', user, password)}`, 535, /on behalf of another/);
    assert.equal(authenticator.attempts.length, 0);
    await t.send(`AUTH PLAIN ${plainToken(user, user, password)}`, 235);
  });

  it('answers the MAIL FROM refusal of the access point with its codes', async () => {
    accessPoint.onSender = (_user, mailFrom) =>
      Promise.resolve({ reason: 'sender-not-holder', sender: mailFrom });
    const t = await loggedIn();
    await t.send(
      'MAIL FROM:<someone.else@pec.test>',
      553,
      /^5\.7\.1 sender address is not the authenticated/,
    );
    assert.deepEqual(accessPoint.senderChecks, [{ user, mailFrom: 'someone.else@pec.test' }]);
  });

  it('counts recipients for the access point and passes its 452 through', async () => {
    accessPoint.onRecipient = (_address, countSoFar) =>
      Promise.resolve(countSoFar >= 2 ? { reason: 'too-many-recipients', limit: 2 } : undefined);
    const t = await loggedIn();
    await t.send(`MAIL FROM:<${user}>`, 250);
    await t.send('RCPT TO:<a@pec.test>', 250);
    await t.send('RCPT TO:<b@pec.test>', 250);
    await t.send('RCPT TO:<c@pec.test>', 452, /^4\.5\.3 too many recipients: at most 2/);
    assert.deepEqual(
      accessPoint.recipientChecks.map((c) => c.countSoFar),
      [0, 1, 2],
    );
    await sendData(t, message(), 250);
    assert.deepEqual(accessPoint.submissions[0]?.rcptTo, ['a@pec.test', 'b@pec.test']);
  });

  it('refuses an oversized message with 552 5.3.4 without calling submit', async () => {
    const t = await loggedIn();
    await t.send(`MAIL FROM:<${user}> SIZE=${maxMessageBytes + 1}`, 552);
    await t.send(`MAIL FROM:<${user}>`, 250);
    await t.send('RCPT TO:<anna@pec.test>', 250);
    await sendData(t, message(('x'.repeat(70) + '\r\n').repeat(80)), 552, /^5\.3\.4 Message too big/);
    assert.equal(accessPoint.submissions.length, 0);
    // The session goes on: the next message within the limit is accepted.
    await t.send(`MAIL FROM:<${user}>`, 250);
    await t.send('RCPT TO:<anna@pec.test>', 250);
    await sendData(t, message(), 250);
  });

  it('answers 250 with the identifier only after submit accepted, with the exact bytes', async () => {
    const t = await loggedIn();
    await t.send(`MAIL FROM:<${user}>`, 250);
    await t.send('RCPT TO:<anna@pec.test>', 250);
    await t.send('RCPT TO:<bruno@pec.test>', 250);
    await sendData(t, message(), 250, /^2\.0\.0 Accepted as PEC message opec-test\.1@pec\.test/);
    const submission = accessPoint.submissions[0];
    assert.ok(submission !== undefined);
    assert.equal(submission.authenticatedUser, user);
    assert.equal(submission.mailFrom, user);
    assert.deepEqual(submission.rcptTo, ['anna@pec.test', 'bruno@pec.test']);
    assert.equal(submission.secure, true);
    assert.equal(submission.remoteAddress, '127.0.0.1');
    // Dot-unstuffed, CRLF kept, the terminating dot line removed.
    assert.equal(
      Buffer.from(submission.raw).toString('latin1'),
      message().replace('..a line', '.a line') + '\r\n',
    );
  });

  it('a not-accepted outcome gets its code and text, with the identifier', async () => {
    accessPoint.onSubmit = () =>
      Promise.resolve({
        kind: 'not-accepted',
        identifier: 'opec-test.9@pec.test',
        reason: 'formal',
        refusal: { reason: 'malformed-message', problem: 'Bcc is not allowed in PEC' },
      });
    const t = await loggedIn();
    await t.send(`MAIL FROM:<${user}>`, 250);
    await t.send('RCPT TO:<anna@pec.test>', 250);
    await sendData(
      t,
      message(),
      550,
      /^5\.6\.0 message not accepted: Bcc is not allowed.*opec-test\.9@pec\.test/,
    );
  });

  it("the access point's SMTP-level refusal at submit keeps its code and is not logged as ours", async () => {
    accessPoint.onSubmit = () =>
      Promise.reject(new SubmissionRefusedError({ reason: 'quota-exceeded', operation: 'send' }));
    const t = await loggedIn();
    await t.send(`MAIL FROM:<${user}>`, 250);
    await t.send('RCPT TO:<anna@pec.test>', 250);
    await sendData(t, message(), 552, /^5\.2\.2 mailbox over quota/);
    assert.equal(errors().length, 0);
  });

  it('a client that goes away during DATA: no submit, nothing logged as our failure', async () => {
    const t = await loggedIn();
    await t.send(`MAIL FROM:<${user}>`, 250);
    await t.send('RCPT TO:<anna@pec.test>', 250);
    await t.send('DATA', 354);
    t.write('From: someone\r\nSubject: half a mess');
    t.abort();
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(accessPoint.submissions.length, 0);
    assert.deepEqual(errors(), []);
  });

  it('a failing submit gets 451 4.3.0, never 250, and is logged', async () => {
    accessPoint.onSubmit = () => Promise.reject(new Error('disk full'));
    const t = await loggedIn();
    await t.send(`MAIL FROM:<${user}>`, 250);
    await t.send('RCPT TO:<anna@pec.test>', 250);
    await sendData(t, message(), 451, /^4\.3\.0 Local error/);
    assert.equal(errors().length, 1);
    assert.match(String(errors()[0]?.error), /disk full/);
  });

  it('a malformed seam answer is our bug: 451, never a success code', async () => {
    // A reason outside the vocabulary (only possible past the type system) is a bug of ours.
    accessPoint.onSender = () => Promise.resolve({ reason: 'fine' } as unknown as SenderRefusal);
    accessPoint.onSubmit = () => Promise.resolve({ kind: 'accepted', identifier: '' });
    const t = await loggedIn();
    await t.send(`MAIL FROM:<${user}>`, 451);
    accessPoint.onSender = () => Promise.resolve(undefined);
    await t.send(`MAIL FROM:<${user}>`, 250);
    await t.send('RCPT TO:<anna@pec.test>', 250);
    await sendData(t, message(), 451);
    assert.equal(errors().length, 2);
  });

  it('implicit TLS listener: TLS from the first byte, AUTH offered, mail accepted', async () => {
    const t = await dial('implicit');
    assert.equal(t.secure, true);
    const ehlo = await t.send('EHLO client.test', 250);
    assert.ok(ehlo.lines.includes('AUTH PLAIN LOGIN'));
    assert.ok(!ehlo.lines.includes('STARTTLS'));
    await t.send(`AUTH PLAIN ${plainToken('', user, password)}`, 235);
    await t.send(`MAIL FROM:<${user}>`, 250);
    await t.send('RCPT TO:<anna@pec.test>', 250);
    await sendData(t, message(), 250, /opec-test\.1@pec\.test/);
  });

  it('close() lets a submission in progress answer 250, then refuses connections', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    accessPoint.onSubmit = async () => {
      await gate;
      return { kind: 'accepted', identifier: 'opec-test.slow@pec.test' };
    };
    const t = await loggedIn();
    await t.send(`MAIL FROM:<${user}>`, 250);
    await t.send('RCPT TO:<anna@pec.test>', 250);
    await t.send('DATA', 354);
    t.write(`${message()}\r\n.\r\n`);
    while (accessPoint.submissions.length === 0) await new Promise((r) => setTimeout(r, 10));
    const closing = server!.close();
    setTimeout(release, 100);
    await t.expect(250, /opec-test\.slow@pec\.test/);
    await closing;
    await assert.rejects(
      new Promise((resolve, reject) => {
        const s = connect({ host: '127.0.0.1', port: port('starttls') }, () => {
          s.destroy();
          resolve(undefined);
        });
        s.once('error', reject);
      }),
      /ECONNREFUSED/,
    );
  });

  it('reports the session, its login, an acceptance and a refusal as events naming the session', async () => {
    const t = await loggedIn();
    await t.send(`MAIL FROM:<${user}>`, 250);
    await t.send('RCPT TO:<anna@pec.test>', 250);
    await sendData(t, message(), 250);
    accessPoint.onSubmit = () =>
      Promise.reject(new SubmissionRefusedError({ reason: 'quota-exceeded', operation: 'send' }));
    await t.send(`MAIL FROM:<${user}>`, 250);
    await t.send('RCPT TO:<anna@pec.test>', 250);
    await sendData(t, message(), 552);
    // This test's session only (a previous test's connection may report its close late).
    const session = log.events.find((event) => event.event === 'auth.succeeded')?.session;
    assert.ok(session !== undefined && session !== '');
    const reported = log.events.filter(
      (event) => event.session === session && event.event !== 'command.handled',
    );
    assert.deepEqual(
      reported.map((event) => event.event),
      ['connection.opened', 'auth.succeeded', 'submission.accepted', 'submission.refused'],
    );
    for (const event of reported) {
      assert.equal(event.session, session);
      assert.equal(event.protocol, 'smtp-submission');
    }
    const [, , accepted, refused] = reported;
    assert.equal(accepted?.event, 'submission.accepted');
    assert.match(accepted.id ?? '', /^opec-test\.\d+@pec\.test$/);
    assert.equal(refused?.event, 'submission.refused');
    assert.equal(refused.reason, 'quota-exceeded');
    assert.equal(refused.stage, 'data');
    assert.ok(log.events.some((event) => event.event === 'command.handled' && event.command === 'DATA'));
  });
});
