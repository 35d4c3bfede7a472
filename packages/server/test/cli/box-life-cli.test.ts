/**
 * `pec plan`, `pec mailbox create --plan | renew | plan | add-space | auto-renew`, `pec order` and
 * `pec lifecycle` as an operator runs them (decision 0016): the real bin/pec.js in child processes
 * on a temporary data folder, down to a box deleted by `pec lifecycle run --at` and its address
 * reserved to its holder.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runPec, type PecResult } from '../e2e/run-pec.ts';

const domain = 'pec.cli-life.localhost';
const holder = 'RSSMRA85T10A562S';

describe("pec: the box's life from the command line (decision 0016)", { timeout: 1_200_000 }, () => {
  let dir: string;
  let data: string;
  const env = { ...process.env, PEC_DATA: '' };
  const pec = (...args: string[]): Promise<PecResult> => runPec([...args, '--data', data], env);
  const ok = async (...args: string[]): Promise<string> => {
    const result = await pec(...args);
    assert.equal(result.code, 0, `pec ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  const refused = async (pattern: RegExp, ...args: string[]): Promise<void> => {
    const result = await pec(...args);
    assert.equal(result.code, 1, `pec ${args.join(' ')} should be refused: ${result.stdout}`);
    assert.match(result.stderr, pattern);
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-life-cli-'));
    data = join(dir, 'data');
    const init = await runPec(
      ['init', '--domain', domain, '--provider-name', 'Life PEC', '--data', data],
      env,
    );
    assert.equal(init.code, 0, init.stderr);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('manages plans', async () => {
    assert.match(
      await ok(
        'plan',
        'add',
        'pro',
        '--quota',
        '2G',
        '--archive',
        '3G',
        '--sms',
        '--months',
        '12',
        '--price',
        '25.00',
      ),
      /added plan pro {2}box 2G {2}archive 3G {2}SMS included {2}12 months {2}EUR 25\.00/,
    );
    await refused(/plan pro exists/, 'plan', 'add', 'pro', '--quota', '1G');
    assert.match(await ok('plan', 'set', 'pro', '--price', '30'), /EUR 30\.00/);
    const plans = JSON.parse(await ok('plan', 'list', '--json')) as { name: string; priceCents: number }[];
    assert.deepEqual(
      plans.map((p) => [p.name, p.priceCents]),
      [
        ['pro', 3000],
        ['standard', 0],
      ],
    );
  });

  it('creates a box on a plan and renews it, buys space and moves it between plans', async () => {
    await refused(
      /no plan gold/,
      'mailbox',
      'create',
      `anna@${domain}`,
      '--password',
      'Password-1',
      '--plan',
      'gold',
    );
    await ok(
      'mailbox',
      'create',
      `anna@${domain}`,
      '--password',
      'Password-1',
      '--plan',
      'pro',
      '--tax-code',
      holder,
    );
    const status = JSON.parse(await ok('lifecycle', 'status', `anna@${domain}`, '--json')) as {
      state: string;
      plan: string;
      quotaBytes: number;
      expiresAt: string;
      activatedAt: string;
    };
    assert.equal(status.state, 'active');
    assert.equal(status.plan, 'pro');
    assert.equal(status.quotaBytes, 2 * 1024 ** 3);
    const activated = new Date(status.activatedAt);
    const expires = new Date(status.expiresAt);
    assert.equal(
      expires.getUTCFullYear() * 12 +
        expires.getUTCMonth() -
        (activated.getUTCFullYear() * 12 + activated.getUTCMonth()),
      12,
    );

    assert.match(
      await ok('mailbox', 'add-space', `anna@${domain}`, '1G'),
      /quota of 3G; order 1 \(EUR 3\.00\) to be paid/,
    );
    const renewed = await ok('mailbox', 'renew', `anna@${domain}`, '--years', '2');
    assert.match(renewed, new RegExp(`renewed anna@${domain} until ${expires.getUTCFullYear() + 2}-`));
    assert.match(renewed, /order 2 \(EUR 60\.00\) to be paid: pec order paid 2/);
    assert.match(await ok('mailbox', 'plan', `anna@${domain}`, 'standard'), /on plan standard with quota 2G/);
    assert.match(await ok('order', 'credit', `anna@${domain}`, '10'), /credit of anna@\S+ is now EUR 10\.00/);
    assert.match(await ok('order', 'paid', '2'), /order 2 paid \(EUR 60\.00\)/);
    await refused(/order 2 is paid, not open/, 'order', 'paid', '2');
    const orders = JSON.parse(await ok('order', 'list', '--json')) as {
      id: number;
      status: string;
      kind: string;
    }[];
    assert.deepEqual(
      orders.map((o) => [o.id, o.kind, o.status]),
      [
        [2, 'renewal', 'paid'],
        [1, 'extra-space', 'open'],
      ],
    );
  });

  it('runs the lifecycle at a given time: an old box is deleted once, its address kept for its holder', async () => {
    await ok(
      'mailbox',
      'create',
      `vecchia@${domain}`,
      '--password',
      'Password-1',
      '--tax-code',
      holder,
      '--expires',
      '2026-01-01',
    );
    const run = await ok('lifecycle', 'run', '--at', '2026-04-09T00:00:00Z');
    assert.match(run, new RegExp(`vecchia@${domain} {2}expire`));
    assert.match(run, new RegExp(`vecchia@${domain} {2}deactivate`));
    assert.match(run, new RegExp(`vecchia@${domain} {2}delete {2}deleted`));
    assert.equal(await ok('lifecycle', 'run', '--at', '2026-04-09T00:00:00Z'), 'pec: nothing due\n');
    assert.match(await ok('lifecycle', 'reserved'), new RegExp(`vecchia@${domain} {2}holder ${holder}`));
    await refused(
      /reserved to its holder/,
      'mailbox',
      'create',
      `vecchia@${domain}`,
      '--password',
      'Password-1',
      '--tax-code',
      '01234567897',
    );
    await ok('mailbox', 'create', `vecchia@${domain}`, '--password', 'Password-1', '--tax-code', holder);
  });
});
