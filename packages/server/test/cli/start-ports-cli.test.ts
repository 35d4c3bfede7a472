/**
 * `pec start` / `pec serve` and their ports, as a newcomer meets them: a busy port is named with the
 * flag that changes it before anything is created; the port flags work; the demo passwords are
 * printed again at each start while they are unchanged, and no longer once changed.
 */
import assert from 'node:assert/strict';
import { stat, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pecOk, runPec } from '../e2e/run-pec.ts';
import { startServeProcess } from '../e2e/serve-process.ts';

const anyPort = {
  PEC_DATA: '',
  PEC_PORT_SUBMISSION: '0',
  PEC_PORT_SUBMISSIONS: '0',
  PEC_PORT_SMTP: '0',
  PEC_PORT_IMAP: '0',
  PEC_PORT_IMAPS: '0',
  PEC_PORT_POP3: '0',
  PEC_PORT_POP3S: '0',
  PEC_PORT_HTTP: '0',
};
const env = { ...process.env, ...anyPort };

function credentials(output: string): string[] {
  return [...output.matchAll(/pec: {3}(\S+@pec\.localhost) {2}password: (\S+)/g)].map(
    (m) => `${m[1]} ${m[2]}`,
  );
}

describe('pec start and its ports (child process)', { timeout: 180_000 }, () => {
  let work = '';
  let busy: Server;
  let busyPort = 0;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'pec-cli-start-'));
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const address = busy.address();
    assert.ok(typeof address === 'object' && address !== null);
    busyPort = address.port;
  });
  after(async () => {
    await new Promise((resolve) => busy.close(resolve));
    await rm(work, { recursive: true, force: true });
  });

  it('names a busy port and its flag, creates nothing, prints no stack', async () => {
    const data = join(work, 'busy');
    const run = await runPec(['start', '--data', data], { ...env, PEC_PORT_SUBMISSION: String(busyPort) });
    assert.equal(run.code, 1, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(`port ${busyPort} \\(submission\\) on 127\\.0\\.0\\.1 is already in use`),
    );
    assert.match(run.stderr, /--submission-port N \(or PEC_PORT_SUBMISSION=N\)/);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
    assert.equal(await stat(data).catch(() => undefined), undefined, 'nothing created');

    const flag = await runPec(['serve', '--data', data, '--imap-port', String(busyPort)], env);
    assert.equal(flag.code, 1, flag.stderr);
    assert.match(flag.stderr, /\(imap\).*--imap-port N/);
  });

  it('takes port flags, and prints the demo passwords again until one is changed', async () => {
    const data = join(work, 'demo');
    // PEC_PORT_SUBMISSION names the busy port; the flag wins over it.
    const first = await startServeProcess(data, {
      command: 'start',
      env: { ...env, PEC_PORT_SUBMISSION: String(busyPort) },
      args: ['--submission-port', '0'],
    });
    assert.notEqual(first.submissionPort, busyPort);
    const created = credentials(first.output());
    assert.equal(created.length, 2, first.output());
    assert.match(
      first.output(),
      /reading {2}IMAP server 127\.0\.0\.1, port \d+ with STARTTLS or \d+ with SSL\/TLS/,
    );
    assert.match(first.output(), /POP3 server 127\.0\.0\.1, port \d+/);
    assert.equal(await first.stop(), 0);
    const file = await stat(join(data, 'demo-credentials.json'));
    assert.equal(file.mode & 0o777, 0o600);

    const second = await startServeProcess(data, { command: 'start', env });
    assert.deepEqual(credentials(second.output()), created);
    assert.doesNotMatch(second.output(), /created a DEMO provider/);
    assert.equal(await second.stop(), 0);

    await pecOk(
      ['mailbox', 'passwd', 'mario.rossi@pec.localhost', '--password', 'a-new-password', '--data', data],
      env,
    );
    const third = await startServeProcess(data, { command: 'start', env });
    assert.deepEqual(
      credentials(third.output()),
      created.filter((c) => c.startsWith('anna.bianchi@')),
    );
    assert.equal(await third.stop(), 0);
  });
});
