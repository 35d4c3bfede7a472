// `pec mailbox access-log` as a person runs it: the real bin/pec.js in a child process on a data
// folder made by `pec init`, after logins recorded through the real Authenticator and the access
// history (the same wiring the servers use).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openProvider } from '../../app/open-provider.ts';
import { createAccessHistory } from '../../services/access-history/create-access-history.ts';
import { createAuthenticator } from '../../services/accounts/create-authenticator.ts';
import type { AccessLogJson } from './mailbox-access-log.ts';

const bin = join(import.meta.dirname, '../../../bin/pec.js');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function pec(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, PEC_DATA: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      resolve({ status, stdout, stderr });
    });
  });
}

function ok(run: Run): Run {
  assert.equal(run.status, 0, `exit ${String(run.status)}: ${run.stderr}`);
  return run;
}

describe('pec mailbox access-log (child process)', () => {
  let root = '';
  let data = '';
  const address = 'anna@pec.example.it';

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'pec-cli-access-log-'));
    data = join(root, 'data');
    ok(
      await pec(
        'init',
        '--domain',
        'pec.example.it',
        '--provider-name',
        'Example PEC',
        '--data',
        data,
        '--listen',
        '127.0.0.1',
      ),
    );
    ok(await pec('mailbox', 'add', address, '--password', 'anna-password-1', '--data', data));
    let now = new Date('2026-05-04T08:00:00.000Z');
    const ctx = await openProvider({ dataDir: data, clock: { now: () => now } });
    try {
      const history = createAccessHistory({ log: ctx.storage.accessLog, accounts: ctx.storage.accounts });
      const auth = createAuthenticator({
        accounts: ctx.storage.accounts,
        throttleStore: ctx.storage.loginThrottle,
        clock: { now: () => now },
        onLogin: history.recordLogin,
      });
      const attempts = [
        { username: address, password: 'anna-password-1', protocol: 'pop3', remoteAddress: '192.0.2.10' },
        {
          username: 'ANNA@pec.example.it',
          password: 'wrong',
          protocol: 'imap',
          remoteAddress: '198.51.100.7',
          clientId: 'Thunderbird 128',
        },
        { username: address, password: 'anna-password-1', protocol: 'smtp', remoteAddress: '2001:db8::5' },
        { username: 'ghost@pec.example.it', password: 'x', protocol: 'imap', remoteAddress: '203.0.113.9' },
      ] as const;
      for (const attempt of attempts) {
        now = new Date(now.getTime() + 60_000);
        await auth.authenticate(attempt);
      }
    } finally {
      await ctx.close();
    }
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('prints the history newest first as a table', async () => {
    const run = ok(await pec('mailbox', 'access-log', 'Anna@PEC.example.it', '--data', data));
    assert.equal(
      run.stdout,
      [
        `pec: access history of ${address}: 3 shown, newest first`,
        'TIME (UTC)           PROTOCOL  OUTCOME  REMOTE ADDRESS  CLIENT',
        '2026-05-04 08:03:00  smtp      success  2001:db8::5     -',
        '2026-05-04 08:02:00  imap      failure  198.51.100.7    Thunderbird 128',
        '2026-05-04 08:01:00  pop3      success  192.0.2.10      -',
        '',
      ].join('\n'),
    );
  });

  it('prints stable JSON with --json, bounded by --limit and --since', async () => {
    const all = JSON.parse(
      ok(await pec('mailbox', 'access-log', address, '--json', '--data', data)).stdout,
    ) as AccessLogJson[];
    assert.deepEqual(all[1], {
      at: '2026-05-04T08:02:00.000Z',
      address,
      protocol: 'imap',
      outcome: 'failure',
      remoteAddress: '198.51.100.7',
      clientId: 'Thunderbird 128',
    });
    const one = JSON.parse(
      ok(await pec('mailbox', 'access-log', address, '--json', '--limit', '1', '--data', data)).stdout,
    ) as AccessLogJson[];
    assert.deepEqual(one, all.slice(0, 1));
    const recent = JSON.parse(
      ok(
        await pec(
          'mailbox',
          'access-log',
          address,
          '--json',
          '--since',
          '2026-05-04T08:02:00Z',
          '--data',
          data,
        ),
      ).stdout,
    ) as AccessLogJson[];
    assert.deepEqual(
      recent.map((e) => e.protocol),
      ['smtp', 'imap'],
    );
  });

  it('shows attempts on an address without a mailbox, and refuses an unknown one never tried', async () => {
    const ghost = ok(await pec('mailbox', 'access-log', 'ghost@pec.example.it', '--data', data));
    assert.match(ghost.stdout, /^pec: attempts on unknown address ghost@pec\.example\.it: 1 shown/);
    assert.match(ghost.stdout, /imap\s+failure\s+203\.0\.113\.9/);
    const unknown = await pec('mailbox', 'access-log', 'nobody@pec.example.it', '--data', data);
    assert.equal(unknown.status, 1);
    assert.equal(
      unknown.stderr,
      'pec: no mailbox nobody@pec.example.it and no login attempt recorded for it\n',
    );
    const bad = await pec('mailbox', 'access-log', address, '--limit', '0', '--data', data);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /--limit/);
  });
});
