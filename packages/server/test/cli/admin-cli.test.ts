/**
 * `pec operator`, `pec postmaster` and `pec domain allowance` (boxes and plans) as an operator runs them (decision
 * 0021): the real bin/pec.js in child processes on a temporary data folder. Principals are added
 * with generated passwords printed once, listed, reset and removed; a postmaster needs a domain
 * the provider serves; the allowance is shown and set; `pec postmaster import` reports every bad
 * row of a `;`-separated file in a dry run, then creates the good ones and prints their passwords;
 * every change is in the audit trail as `cli`.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openProvider } from '../../src/app/open-provider.ts';
import { verifyPassword } from '../../src/services/accounts/hash-password.ts';
import { runPec, type PecResult } from '../e2e/run-pec.ts';

const domain = 'pec.cli-admin.localhost';

describe('pec: administrative principals from the command line (decision 0021)', { timeout: 600_000 }, () => {
  let dir: string;
  let data: string;
  const env = { ...process.env, PEC_DATA: '' };
  const pec = (...args: string[]): Promise<PecResult> => runPec([...args, '--data', data], env);
  const ok = async (...args: string[]): Promise<string> => {
    const result = await pec(...args);
    assert.equal(result.code, 0, `pec ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-admin-cli-'));
    data = join(dir, 'data');
    const init = await runPec(
      ['init', '--domain', domain, '--provider-name', 'Admin PEC', '--data', data],
      env,
    );
    assert.equal(init.code, 0, init.stderr);
    await ok('domain', 'add', 'studio.cli-admin.localhost', '--no-mx-check');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('adds, lists, resets and removes operators and postmasters', async () => {
    const added = await ok(
      'operator',
      'add',
      'Ops@Provider.example',
      '--role',
      'support',
      '--generate-password',
    );
    assert.match(added, /added operator ops@provider\.example \(support\)/);
    const generated = /password: (\S+)/.exec(added)?.[1];
    assert.ok(generated !== undefined && generated.length >= 20);
    const wrongRole = await pec(
      'operator',
      'add',
      'x@provider.example',
      '--role',
      'root',
      '--generate-password',
    );
    assert.equal(wrongRole.code, 1);
    const noDomain = await pec(
      'postmaster',
      'add',
      'pm@studio.example',
      '--domain',
      'nowhere.example',
      '--generate-password',
    );
    assert.equal(noDomain.code, 1);
    assert.match(noDomain.stderr, /not served/);
    assert.match(
      await ok(
        'postmaster',
        'add',
        'pm@studio.example',
        '--domain',
        'studio.cli-admin.localhost',
        '--generate-password',
      ),
      /added postmaster pm@studio\.example \(postmaster of studio\.cli-admin\.localhost\)/,
    );
    const duplicate = await pec(
      'postmaster',
      'add',
      'pm@studio.example',
      '--domain',
      domain,
      '--generate-password',
    );
    assert.equal(duplicate.code, 1);
    assert.match(duplicate.stderr, /exists/);
    const operators = JSON.parse(await ok('operator', 'list', '--json')) as { email: string; role: string }[];
    assert.deepEqual(
      operators.map((o) => [o.email, o.role]),
      [['ops@provider.example', 'support']],
    );
    const postmasters = JSON.parse(await ok('postmaster', 'list', '--json')) as {
      email: string;
      domains: string[];
    }[];
    assert.deepEqual(
      postmasters.map((p) => [p.email, p.domains]),
      [['pm@studio.example', ['studio.cli-admin.localhost']]],
    );
    // Disabled (decision 0042): shown in the list, enabled again; an operator is not disabled.
    assert.match(
      await ok('postmaster', 'disable', 'pm@studio.example'),
      /disabled postmaster pm@studio\.example/,
    );
    assert.match(await ok('postmaster', 'list'), /pm@studio\.example .* disabled/);
    assert.match(await ok('postmaster', 'enable', 'pm@studio.example'), /enabled postmaster/);
    assert.doesNotMatch(await ok('postmaster', 'list'), /disabled/);
    assert.equal((await pec('postmaster', 'disable', 'ops@provider.example')).code, 1);
    const reset = /password: (\S+)/.exec(await ok('operator', 'password', 'ops@provider.example'))?.[1];
    assert.ok(reset !== undefined && reset !== generated);
    const ctx = await openProvider({ dataDir: data, env: {} });
    try {
      const record = await ctx.storage.admin.findPrincipal('ops@provider.example');
      assert.ok(record?.passwordHash !== null && record?.passwordHash !== undefined);
      assert.equal(await verifyPassword(record.passwordHash, reset), true);
      assert.equal(await verifyPassword(record.passwordHash, generated), false);
    } finally {
      await ctx.close();
    }
    // `pec operator remove` does not remove a postmaster.
    assert.equal((await pec('operator', 'remove', 'pm@studio.example')).code, 1);
    assert.match(await ok('operator', 'remove', 'ops@provider.example'), /removed operator/);
    assert.deepEqual(JSON.parse(await ok('operator', 'list', '--json')) as unknown[], []);
  });

  it('sets the allowance and imports boxes from CSV with a dry run first', async () => {
    const d = 'studio.cli-admin.localhost';
    assert.match(await ok('domain', 'allowance', d), /0 box\(es\) of no limit/);
    assert.match(await ok('domain', 'allowance', d, '2'), /0 box\(es\) of 2; every plan/);
    // The plans new boxes may take: only sold ones; 'all' lifts the limit again.
    assert.equal((await pec('domain', 'allowance', d, '--plans', 'nessuno')).code, 1);
    assert.match(await ok('domain', 'allowance', d, '--plans', 'standard'), /of 2; plans standard/);
    assert.match(await ok('domain', 'allowance', d, '--plans', 'all'), /of 2; every plan/);
    const file = join(dir, 'boxes.csv');
    await writeFile(
      file,
      'Indirizzo;Titolare;Codice fiscale;Cellulare\n' +
        `uno@${d};Uno;RSSMRA80A01H501U;+39 333 1111111\n` +
        `due@${d};Due;RSSMRA80A01H501X;\n` +
        `tre@${d};"Tre; e basta";;\n` +
        `quattro@${d};Quattro;;\n`,
    );
    const dry = await pec('postmaster', 'import', file, '--domain', d, '--dry-run');
    assert.equal(dry.code, 1);
    assert.match(dry.stderr, /line 3: due@.*: invalid-tax-code/);
    assert.match(dry.stderr, /line 5: quattro@.*: over-allowance/);
    assert.match(dry.stderr, /4 row\(s\), 2 bad, 2 would be created \(dry run\)/);
    const real = await pec('postmaster', 'import', file, '--domain', d);
    assert.equal(real.code, 1);
    const lines = real.stdout.trim().split('\n');
    assert.equal(lines[0], 'address,password');
    assert.deepEqual(
      lines.slice(1).map((line) => line.split(',')[0]),
      [`uno@${d}`, `tre@${d}`],
    );
    assert.match(await ok('domain', 'allowance', d), /2 box\(es\) of 2/);
    const ctx = await openProvider({ dataDir: data, env: {} });
    try {
      assert.equal((await ctx.storage.accounts.findMailboxByAddress(`tre@${d}`))?.holderName, 'Tre; e basta');
      const trail = await ctx.storage.auditTrail.search({ actor: 'cli', limit: 50 });
      const actions = trail.map((entry) => entry.action);
      for (const action of [
        'operator.add',
        'postmaster.add',
        'operator.password-reset',
        'operator.remove',
        'domain.allowance',
        'box.import',
      ])
        assert.ok(actions.includes(action), action);
    } finally {
      await ctx.close();
    }
  });
});
