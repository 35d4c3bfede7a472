/**
 * Real mail clients against the submission listeners (fake seams): swaks and Python's smtplib send
 * a message with an attachment over STARTTLS + AUTH (and smtplib over implicit TLS), verifying our
 * certificate against the CA; the access point receives the attachment bytes intact.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { findParts, parseMimeTree, readBodyBytes } from '@pec/core';
import {
  createFakeAccessPoint,
  createFakeAuthenticator,
  createTestTls,
} from '../testing/fake-submission-services.ts';
import type { FakeAccessPoint, TestTls } from '../testing/fake-submission-services.ts';
import { createSubmissionServer } from './create-submission-server.ts';
import type { ListenerAddress } from '../../listener-address.ts';
import type { SubmissionServer } from './create-submission-server.ts';

const run = promisify(execFile);
const swaksSupport = spawnSync('swaks', ['--support'], { encoding: 'utf8' });
// Debian's swaks needs libnet-ssleay-perl (a Recommends) for TLS.
const swaksTls = `${swaksSupport.stdout}${swaksSupport.stderr}`.includes('=== TLS supported')
  ? false
  : 'swaks without TLS support (install swaks and libnet-ssleay-perl)';
const user = 'mario.rossi@pec.test';
const password = 'p4ss w0rd!';

const pythonClient = String.raw`
import smtplib, ssl, sys, json
from email.message import EmailMessage
host, port, mode, ca, user, password, attachment = sys.argv[1:8]
ctx = ssl.create_default_context(cafile=ca)
msg = EmailMessage()
msg['From'] = user
msg['To'] = 'anna@pec.test'
msg['Cc'] = 'bruno@pec.test'
msg['Subject'] = 'Contratto firmato'
msg.set_content('In allegato il contratto.\n')
with open(attachment, 'rb') as f:
    msg.add_attachment(f.read(), maintype='application', subtype='pdf', filename='contratto.pdf')
if mode == 'implicit':
    s = smtplib.SMTP_SSL(host, int(port), context=ctx)
else:
    s = smtplib.SMTP(host, int(port))
    s.ehlo()
    before_tls = s.has_extn('auth')
    s.starttls(context=ctx)
    if before_tls:
        raise SystemExit('AUTH offered before STARTTLS')
s.login(user, password)
s.mail(user)
for rcpt in ('anna@pec.test', 'bruno@pec.test'):
    code, _ = s.rcpt(rcpt)
    assert code == 250, code
code, text = s.data(msg.as_bytes())
s.quit()
print(json.dumps({'code': code, 'text': text.decode()}))
`;

function attachmentOf(raw: Uint8Array, filename: string): Uint8Array {
  const root = parseMimeTree(raw);
  const [part] = findParts(root, (node) => node.filename === filename);
  assert.ok(part !== undefined, `no part named ${filename}`);
  return readBodyBytes(raw, part);
}

describe('real clients against the submission listeners', () => {
  let tls: TestTls;
  let dir: string;
  let caFile: string;
  let attachmentFile: string;
  let attachment: Buffer;
  let accessPoint: FakeAccessPoint;
  let server: SubmissionServer;
  let endpoints: readonly ListenerAddress[];
  const port = (tls: ListenerAddress['tls']) => String(endpoints.find((e) => e.tls === tls)?.port);

  before(async () => {
    tls = await createTestTls();
    dir = await mkdtemp(join(tmpdir(), 'pec-smtp-clients-'));
    caFile = join(dir, 'ca.pem');
    await writeFile(caFile, tls.ca);
    // Not valid UTF-8 and with every byte value, so any re-encoding would show.
    attachment = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      randomBytes(20_000),
      Buffer.from([0, 0xff, 0x0d, 0x0a]),
    ]);
    attachmentFile = join(dir, 'contratto.pdf');
    await writeFile(attachmentFile, attachment);
    accessPoint = createFakeAccessPoint();
    server = createSubmissionServer(
      { accessPoint, authenticator: createFakeAuthenticator({ [user]: password }) },
      {
        host: '127.0.0.1',
        starttlsPort: 0,
        implicitTlsPort: 0,
        hostname: 'localhost',
        providerName: 'Test PEC',
        tls: { cert: tls.cert, key: tls.key },
        maxMessageBytes: 1024 * 1024,
        closeTimeoutMs: 200,
      },
    );
    endpoints = await server.listen();
  });
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('swaks: STARTTLS, verified certificate, AUTH PLAIN, attachment', { skip: swaksTls }, async () => {
    const before = accessPoint.submissions.length;
    const { stdout } = await run('swaks', [
      '--server',
      '127.0.0.1',
      '--port',
      port('starttls'),
      '-tls',
      '--tls-verify',
      '--tls-ca-path',
      caFile,
      '--tls-sni',
      'localhost',
      '--auth',
      'PLAIN',
      '--auth-user',
      user,
      '--auth-password',
      password,
      '--from',
      user,
      '--to',
      'anna@pec.test',
      '--h-Subject',
      'Prova swaks',
      '--body',
      'Testo del messaggio',
      '--attach-type',
      'application/pdf',
      '--attach-name',
      'contratto.pdf',
      '--attach',
      `@${attachmentFile}`,
    ]);
    assert.match(stdout, /<~ {2}235 /);
    assert.match(stdout, /<~ {2}250 2\.0\.0 Accepted as PEC message opec-test\.\d+@pec\.test/);
    const submission = accessPoint.submissions[before];
    assert.ok(submission !== undefined);
    assert.equal(submission.authenticatedUser, user);
    assert.deepEqual(submission.rcptTo, ['anna@pec.test']);
    assert.deepEqual(Buffer.from(attachmentOf(submission.raw, 'contratto.pdf')), attachment);
  });

  it(
    'swaks: a certificate from another CA is refused (the verification is real)',
    { skip: swaksTls },
    async () => {
      const otherCa = join(dir, 'other-ca.pem');
      await writeFile(otherCa, (await createTestTls()).ca);
      await assert.rejects(
        run('swaks', [
          '--server',
          '127.0.0.1',
          '--port',
          port('starttls'),
          '-tls',
          '--tls-verify',
          '--tls-ca-path',
          otherCa,
          '--tls-sni',
          'localhost',
          '--auth',
          'PLAIN',
          '--auth-user',
          user,
          '--auth-password',
          password,
          '--from',
          user,
          '--to',
          'anna@pec.test',
        ]),
        /TLS/,
      );
    },
  );

  it(
    'swaks: AUTH over plain text is not possible',
    { skip: swaksSupport.error === undefined ? false : 'no swaks' },
    async () => {
      const result = await run('swaks', [
        '--server',
        '127.0.0.1',
        '--port',
        port('starttls'),
        '--auth',
        'PLAIN',
        '--auth-user',
        user,
        '--auth-password',
        password,
        '--from',
        user,
        '--to',
        'anna@pec.test',
      ]).then(
        () => ({ code: 0, stdout: '', stderr: '' }),
        (error: unknown) => error as { code: number; stdout: string; stderr: string },
      );
      assert.notEqual(result.code, 0);
      assert.doesNotMatch(result.stdout, /-> AUTH/);
      assert.match(result.stderr, /Host did not advertise authentication/);
    },
  );

  for (const mode of ['starttls', 'implicit'] as const) {
    it(`Python smtplib: ${mode === 'starttls' ? 'STARTTLS' : 'implicit TLS'}, login, To + Cc, attachment`, async () => {
      const before = accessPoint.submissions.length;
      const { stdout } = await run('python3', [
        '-c',
        pythonClient,
        '127.0.0.1',
        port(mode),
        mode,
        caFile,
        user,
        password,
        attachmentFile,
      ]);
      const reply = JSON.parse(stdout) as { code: number; text: string };
      assert.equal(reply.code, 250);
      assert.match(reply.text, /^2\.0\.0 Accepted as PEC message opec-test\.\d+@pec\.test/);
      const submission = accessPoint.submissions[before];
      assert.ok(submission !== undefined);
      assert.deepEqual(submission.rcptTo, ['anna@pec.test', 'bruno@pec.test']);
      assert.deepEqual(Buffer.from(attachmentOf(submission.raw, 'contratto.pdf')), attachment);
    });
  }
});
