/**
 * `pec route add|list|delete` and `pec queue list|retry|hold|release|delete` as an operator runs
 * them: the real bin/pec.js in a child process on a data folder made by `initProvider`, with jobs
 * seeded through storage; exit codes 0 (done) and 1 (refused, with the reason on stderr).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { initProvider } from '../../src/app/init-provider.ts';
import { openProvider } from '../../src/app/open-provider.ts';
import type { ProviderContext } from '../../src/app/provider-context.ts';
import type { JsonValue } from '../../src/ports/queue-store.ts';
import { runPec, type PecResult } from '../e2e/run-pec.ts';

const env = { ...process.env, PEC_DATA: '' };
const blobKey = 'a'.repeat(64);

describe('pec route and pec queue (child process)', () => {
  let root = '';
  let data = '';
  const ids: Record<'future' | 'continued' | 'failed' | 'done', number> = {
    future: 0,
    continued: 0,
    failed: 0,
    done: 0,
  };

  const pec = (...args: string[]): Promise<PecResult> => runPec([...args, '--data', data], env);

  async function ok(...args: string[]): Promise<string> {
    const result = await pec(...args);
    assert.equal(result.code, 0, `pec ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  }

  async function refused(pattern: RegExp, ...args: string[]): Promise<void> {
    const result = await pec(...args);
    assert.equal(result.code, 1, `pec ${args.join(' ')} should be refused: ${result.stdout}`);
    assert.match(result.stderr, pattern);
  }

  async function withProvider<T>(fn: (ctx: ProviderContext) => Promise<T>): Promise<T> {
    const ctx = await openProvider({ dataDir: data });
    try {
      return await fn(ctx);
    } finally {
      await ctx.close();
    }
  }

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'pec-cli-relay-'));
    data = join(root, 'data');
    await initProvider({ dataDir: data, domain: 'pec.example.it', providerName: 'Example PEC S.p.A.' });
    await withProvider(async ({ storage, clock }) => {
      const now = clock.now();
      const relayMessage = (rcptTo: string[]): JsonValue => ({
        blobKey,
        mailFrom: '',
        rcptTo,
        purpose: 'receipt',
        identifier: 'opec1.20260310.1@pec.example.it',
        expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
      });
      ids.future = (
        await storage.queue.enqueue({
          kind: 'relay-message',
          payload: relayMessage(['sender@pec.other.example']),
          runAt: new Date(now.getTime() + 3_600_000),
        })
      ).id;
      ids.continued = (
        await storage.queue.enqueue({
          kind: 'relay-message',
          payload: {
            ...(relayMessage(['busy@pec.other.example']) as Record<string, JsonValue>),
            relay: {
              attempt: 2,
              expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
              queuedAt: now.toISOString(),
              firstJobId: 1,
              previousJobId: 1,
              lastFailures: {
                'busy@pec.other.example': {
                  host: 'mx.other.example',
                  code: 450,
                  enhancedCode: '4.2.1',
                  text: '450 4.2.1 mailbox busy',
                  at: now.toISOString(),
                },
              },
            },
          },
          runAt: new Date(now.getTime() - 1000),
        })
      ).id;
      const toFail = await storage.queue.enqueue({ kind: 'other', payload: { identifier: 'gone@x' } });
      const [claimed] = await storage.queue.claim({ owner: 't', leaseMs: 1000, kinds: ['other'] });
      assert.equal(claimed?.id, toFail.id);
      await storage.queue.fail(claimed.id, claimed.leaseToken ?? '', { error: 'gave up' });
      ids.failed = toFail.id;
      const toFinish = await storage.queue.enqueue({ kind: 'finished', payload: null });
      const [running] = await storage.queue.claim({ owner: 't', leaseMs: 1000, kinds: ['finished'] });
      await storage.queue.complete(running?.id ?? 0, running?.leaseToken ?? '');
      ids.done = toFinish.id;
    });
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('adds, replaces, lists and deletes static routes', async () => {
    assert.equal(
      await ok('route', 'add', 'pec.other.example', '127.0.0.1:2525'),
      'pec: added a route for pec.other.example: 127.0.0.1:2525, TLS by recipient kind\n',
    );
    assert.equal(
      await ok('route', 'add', 'PEC.Other.example', '[::1]:587', '--tls', 'required'),
      'pec: replaced the route of pec.other.example: [::1]:587, TLS required\n',
    );
    assert.match(
      await ok('route', 'add', '*', 'smarthost.example', '--tls', 'opportunistic'),
      /\*: smarthost\.example:25/,
    );
    const listed = JSON.parse(await ok('route', 'list', '--json')) as Record<string, unknown>[];
    assert.deepEqual(
      listed.map((r) => [r['domain'], r['host'], r['port'], r['tls']]),
      [
        ['*', 'smarthost.example', 25, 'opportunistic'],
        ['pec.other.example', '::1', 587, 'required'],
      ],
    );
    assert.equal(
      await ok('route', 'list'),
      '*  smarthost.example:25  TLS opportunistic\npec.other.example  [::1]:587  TLS required\n',
    );
    assert.equal(
      await ok('route', 'delete', 'pec.other.example'),
      'pec: deleted the route of pec.other.example\n',
    );
    await refused(/^pec: no route for pec\.other\.example\n$/, 'route', 'delete', 'pec.other.example');
    assert.equal(await ok('route', 'delete', '*'), 'pec: deleted the route of *\n');
    assert.match(await ok('route', 'list'), /^pec: no static routes/);
  });

  it('refuses malformed routes with exit code 1', async () => {
    await refused(/not HOST:PORT/, 'route', 'add', 'x.example', 'a b:25');
    await refused(/not a TCP port/, 'route', 'add', 'x.example', 'mx.example:99999');
    await refused(/not a domain name/, 'route', 'add', 'x..example', 'mx.example:25');
    await refused(
      /--tls must be one of required, opportunistic, none/,
      'route',
      'add',
      'x.example',
      'mx:25',
      '--tls',
      'always',
    );
    assert.equal(await ok('route', 'list', '--json'), '[]\n');
  });

  it('lists waiting jobs with their reference, recipients, attempts and last error', async () => {
    const rows = JSON.parse(await ok('queue', 'list', '--json')) as Record<string, unknown>[];
    assert.deepEqual(
      rows.map((r) => [r['id'], r['status'], r['kind']]),
      [
        [ids.continued, 'ready', 'relay-message'],
        [ids.failed, 'failed', 'other'],
        [ids.future, 'ready', 'relay-message'],
      ],
    );
    const continued = rows[0]!;
    assert.equal(continued['attempts'], 2, 'the attempts of the jobs it continues');
    assert.equal(continued['lastError'], 'busy@pec.other.example: mx.other.example: 450 4.2.1 mailbox busy');
    assert.equal(continued['reference'], 'opec1.20260310.1@pec.example.it');
    assert.deepEqual(continued['recipients'], ['busy@pec.other.example']);
    assert.equal(continued['firstJobId'], 1);
    assert.equal(rows[1]?.['lastError'], 'gave up');
    const text = await ok('queue', 'list', '--status', 'failed');
    assert.match(
      text,
      new RegExp(`^${ids.failed}  failed  other  due .*  attempts 1  gone@x\\s*\\n  last error: gave up\\n$`),
    );
    const all = JSON.parse(await ok('queue', 'list', '--all', '--json')) as Record<string, unknown>[];
    assert.ok(all.some((r) => r['id'] === ids.done && r['status'] === 'done'));
    const onlyRelay = JSON.parse(await ok('queue', 'list', '--kind', 'relay-message', '--json')) as unknown[];
    assert.equal(onlyRelay.length, 2);
    await refused(/--status must be one of/, 'queue', 'list', '--status', 'waiting');
    await refused(/--limit: not a positive integer/, 'queue', 'list', '--limit', '0');
  });

  it('retries, holds, releases and deletes jobs, refusing what their state does not allow', async () => {
    assert.match(await ok('queue', 'retry', String(ids.future)), /is due now/);
    const due = await withProvider(({ storage }) => storage.queue.get(ids.future));
    assert.equal(due?.status, 'ready');
    assert.ok(due.runAt.getTime() <= Date.now());

    assert.match(await ok('queue', 'hold', String(ids.continued)), /is held/);
    await refused(/is already held/, 'queue', 'hold', String(ids.continued));
    assert.match(await ok('queue', 'release', String(ids.continued)), /released and due now/);
    await refused(/is ready: nothing to release/, 'queue', 'release', String(ids.continued));

    assert.match(await ok('queue', 'retry', String(ids.failed)), /is due now/);
    assert.equal((await withProvider(({ storage }) => storage.queue.get(ids.failed)))?.status, 'ready');

    await refused(/is done/, 'queue', 'retry', String(ids.done));
    await refused(/^pec: no job 99999\n$/, 'queue', 'delete', '99999');
    await refused(/not a job id: abc/, 'queue', 'retry', 'abc');
    assert.match(await ok('queue', 'delete', String(ids.done)), /is deleted/);
    assert.equal(await withProvider(({ storage }) => storage.queue.get(ids.done)), undefined);
  });
});
