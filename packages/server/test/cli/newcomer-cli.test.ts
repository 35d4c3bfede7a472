/**
 * What a newcomer trips on in the `pec` command, run as a person runs it (bin/pec.js in child
 * processes): passwords from standard input instead of the command line, `--expires never`, empty
 * results that say so, an unknown domain, the help texts and `--version`.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { initProvider } from '../../src/app/init-provider.ts';
import { openProvider } from '../../src/app/open-provider.ts';
import { verifyPassword } from '../../src/services/accounts/hash-password.ts';
import { pecBin, runPec, type PecResult } from '../e2e/run-pec.ts';

const env = { ...process.env, PEC_DATA: '' };

/** `pec ARGS` with `input` on its standard input (a pipe, not a terminal). */
function pecWithInput(args: readonly string[], input: string): Promise<PecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [pecBin, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

describe('pec for a newcomer (child process)', { timeout: 240_000 }, () => {
  let root = '';
  let data = '';
  const pec = (...args: string[]): Promise<PecResult> => runPec([...args, '--data', data], env);

  async function passwordHashOf(address: string): Promise<string | null | undefined> {
    const ctx = await openProvider({ dataDir: data });
    try {
      const mailbox = await ctx.storage.accounts.findMailboxByAddress(address);
      return mailbox === undefined ? undefined : await ctx.storage.accounts.getPasswordHash(mailbox.id);
    } finally {
      await ctx.close();
    }
  }

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'pec-cli-newcomer-'));
    data = join(root, 'data');
    await initProvider({ dataDir: data, domain: 'pec.example.it' });
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('takes passwords from standard input, never demands them on the command line', async () => {
    const added = await pecWithInput(
      ['mailbox', 'add', 'anna@pec.example.it', '--password-stdin', '--data', data],
      'segreta-da-stdin\n',
    );
    assert.equal(added.code, 0, added.stderr);
    const hash = await passwordHashOf('anna@pec.example.it');
    assert.ok(typeof hash === 'string' && (await verifyPassword(hash, 'segreta-da-stdin')));

    const [changed, none] = await Promise.all([
      pecWithInput(
        ['mailbox', 'passwd', 'anna@pec.example.it', '--password-stdin', '--data', data],
        'altra-segreta\n',
      ),
      pecWithInput(['mailbox', 'add', 'bruno@pec.example.it', '--data', data], ''),
    ]);
    assert.equal(changed.code, 0, changed.stderr);
    const newHash = await passwordHashOf('anna@pec.example.it');
    assert.ok(typeof newHash === 'string' && (await verifyPassword(newHash, 'altra-segreta')));
    // No terminal and no flag: a clear refusal, nothing created.
    assert.equal(none.code, 1);
    assert.match(none.stderr, /^pec: no password: give --password-stdin/);
    assert.equal(await passwordHashOf('bruno@pec.example.it'), undefined);
  });

  it('clears an expiry with --expires never', async () => {
    const set = await pec('mailbox', 'set', 'anna@pec.example.it', '--expires', '2030-01-01');
    assert.equal(set.code, 0, set.stderr);
    const never = await pec('mailbox', 'set', 'anna@pec.example.it', '--expires', 'never');
    assert.equal(never.code, 0, never.stderr);
    const [listed] = JSON.parse((await pec('mailbox', 'list', '--json')).stdout) as { expiresAt: unknown }[];
    assert.equal(listed?.expiresAt, null);
  });

  it('says so when there is nothing, and refuses an unknown domain', async () => {
    const out = join(root, 'own.p7m');
    const [queue, routes, log, exported, unknown] = await Promise.all([
      pec('queue', 'list'),
      pec('route', 'list'),
      pec('log', 'search', '--msgid', 'nothing@nowhere.example'),
      pec('index', 'export', '--signed', '--out', out),
      pec('mailbox', 'list', '--domain', 'unknown.example'),
    ]);
    assert.equal(queue.stdout, 'pec: no waiting jobs in the queue\n');
    assert.match(routes.stdout, /^pec: no static routes/);
    assert.equal(log.stdout, 'pec: no log entries match\n');
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(
      exported.stdout,
      new RegExp(`^pec: wrote the signed record .* to ${out.replace(/\W/g, '\\$&')}`),
    );
    assert.ok((await readFile(out)).length > 100);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /unknown domain unknown\.example: the provider serves pec\.example\.it/);
  });

  it('tells the truth about domains, versions and what serve runs', async () => {
    const [domain, version, serveHelp, accessHelp, missing] = await Promise.all([
      pec('domain', 'add', 'studio.pec.example.it'),
      runPec(['--version'], env),
      runPec(['serve', '--help'], env),
      runPec(['mailbox', 'access-log', '--help'], env),
      runPec(['inspect', join(root, 'missing.eml')], env),
    ]);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, `pec: ${join(root, 'missing.eml')}: no such file\n`);
    assert.match(domain.stdout, /a running pec serve serves it at once/);
    assert.doesNotMatch(domain.stdout, /restart/);
    const pkg = JSON.parse(await readFile(join(import.meta.dirname, '../../package.json'), 'utf8')) as {
      version: string;
    };
    assert.equal(version.stdout.trim(), pkg.version);
    for (const what of [/IMAP/, /POP3/, /HTTP/, /reception point/, /delivery\s+worker/, /--imap-port/]) {
      assert.match(serveHelp.stdout, what);
    }
    assert.equal(accessHelp.stdout.match(/default:? 100/g)?.length, 1, accessHelp.stdout);
  });
});
