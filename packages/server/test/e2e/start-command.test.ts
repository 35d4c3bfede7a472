/**
 * `pec start` (what `npm start` runs): on an empty data folder it creates the demo provider and two
 * demo mailboxes, prints their passwords and how to connect, and serves; the printed credentials
 * work with a real client; on the second run it only serves.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sendWithSmtplib } from './send-with-smtplib.ts';
import { startServeProcess } from './serve-process.ts';
import type { ServeProcess } from './serve-process.ts';

// Free ports instead of the fixed development ones, so that tests can run side by side.
const env = {
  ...process.env,
  PEC_PORT_SUBMISSION: '0',
  PEC_PORT_SUBMISSIONS: '0',
  PEC_PORT_SMTP: '0',
  PEC_PORT_IMAP: '0',
  PEC_PORT_IMAPS: '0',
  PEC_PORT_POP3: '0',
  PEC_PORT_POP3S: '0',
};

describe('pec start', { timeout: 180_000 }, () => {
  let work: string;
  let dataDir: string;
  let server: ServeProcess | undefined;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'pec-start-'));
    dataDir = join(work, 'data');
  });
  after(async () => {
    await server?.kill9();
    await rm(work, { recursive: true, force: true });
  });

  it('creates the demo provider and mailboxes on first run, and their passwords work', async () => {
    server = await startServeProcess(dataDir, { command: 'start', env });
    const output = server.output();
    assert.match(output, /created a DEMO provider for pec\.localhost/);
    assert.match(output, /NOT for production/);
    assert.ok(output.includes(join(dataDir, 'certs', 'ca.pem')));
    assert.match(
      output,
      new RegExp(`port ${server.submissionPort} with STARTTLS or ${server.submissionsPort} with SSL/TLS`),
    );
    const credentials = [...output.matchAll(/pec: {3}(\S+@pec\.localhost) {2}password: (\S+)/g)].map((m) => ({
      address: m[1] ?? '',
      password: m[2] ?? '',
    }));
    assert.deepEqual(
      credentials.map((c) => c.address),
      ['mario.rossi@pec.localhost', 'anna.bianchi@pec.localhost'],
    );
    assert.notEqual(credentials[0]?.password, credentials[1]?.password);
    assert.ok(credentials.every((c) => c.password.length >= 16));

    const [mario, anna] = credentials;
    assert.ok(mario !== undefined && anna !== undefined);
    const [reply] = await sendWithSmtplib({
      host: '127.0.0.1',
      port: server.submissionPort,
      caFile: join(dataDir, 'certs', 'ca.pem'),
      user: mario.address,
      password: mario.password,
      messages: [{ from: mario.address, to: [anna.address], subject: 'Prima PEC', body: 'Ciao Anna\n' }],
    });
    assert.equal(reply?.code, 250, reply?.text);
    assert.match(reply.text, /Accepted as PEC message opec\S*@pec\.localhost/);

    assert.equal(await server.stop(), 0, server.output());
    server = undefined;
  });

  it('only serves on the second run, showing the unchanged demo passwords again', async () => {
    server = await startServeProcess(dataDir, { command: 'start', env });
    assert.doesNotMatch(server.output(), /created a DEMO/);
    assert.equal([...server.output().matchAll(/password: \S+/g)].length, 2);
    assert.match(server.output(), /listening submission/);
    assert.equal(await server.stop(), 0, server.output());
    server = undefined;
  });
});
