/**
 * The box's own life by SMS (decision 0045), as an operator runs it: the real `pec lifecycle run
 * --at` in child processes on a temporary data folder whose configuration names a local fake SMS
 * gateway; the queued SMS are sent by the provider's notice round at the same simulated times. An
 * SMS goes once however often the lifecycle runs, only to a holder who chose SMS for these notices,
 * waits for the end of quiet hours unless urgent, and carries no message content.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { noticePreferences, sendDueNotices } from '../../src/app/new-pec-notice-components.ts';
import { openProvider } from '../../src/app/open-provider.ts';
import type { ProviderContext } from '../../src/app/provider-context.ts';
import { runPec } from '../e2e/run-pec.ts';

const domain = 'pec.sms-life.localhost';
const dayMs = 86_400_000;
const hourMs = 3_600_000;

describe("pec: the box's life by SMS (decision 0045)", { timeout: 600_000 }, () => {
  let dir: string;
  let data: string;
  let gateway: Server;
  const sent: { to: string; text: string }[] = [];
  const env = { ...process.env, PEC_DATA: '' };
  const ok = async (...args: string[]): Promise<string> => {
    const result = await runPec([...args, '--data', data], env);
    assert.equal(result.code, 0, `pec ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  /** The provider opened in this process between CLI runs (one writer at a time on SQLite). */
  async function withProvider<T>(fn: (ctx: ProviderContext) => Promise<T>): Promise<T> {
    const ctx = await openProvider({ dataDir: data });
    try {
      return await fn(ctx);
    } finally {
      await ctx.close();
    }
  }
  const textsTo = (to: string) => sent.filter((s) => s.to === to).map((s) => s.text);

  before(async () => {
    gateway = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        sent.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string; text: string });
        response.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    dir = await mkdtemp(join(tmpdir(), 'pec-life-sms-'));
    data = join(dir, 'data');
    const init = await runPec(
      ['init', '--domain', domain, '--provider-name', 'Life PEC', '--data', data],
      env,
    );
    assert.equal(init.code, 0, init.stderr);
    const file = join(data, 'pec.config.json');
    const config = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    config['notices'] = {
      smsPerDay: 10,
      smsGateway: {
        url: `http://127.0.0.1:${String((gateway.address() as AddressInfo).port)}/sms`,
        bodyTemplate: '{"to":"{{to}}","text":"{{text}}"}',
      },
    };
    await writeFile(file, JSON.stringify(config, null, 2));
  });
  after(async () => {
    await new Promise((resolve) => gateway.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('sends each notice once by SMS, after the quiet hours unless urgent, to the holder who chose it', async () => {
    await ok('plan', 'add', 'sms', '--quota', '1G', '--sms', '--months', '12');
    for (const name of ['anna', 'bruno'])
      await ok('mailbox', 'create', `${name}@${domain}`, '--password', 'Password-1', '--plan', 'sms');
    const status = JSON.parse(await ok('lifecycle', 'status', `anna@${domain}`, '--json')) as {
      expiresAt: string;
    };
    const expiresAt = new Date(status.expiresAt);
    const at30 = new Date(expiresAt.getTime() - 30 * dayMs);
    const hour = at30.getUTCHours();
    const hhmm = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
    const anna = '+393471110001';
    const bruno = '+393471110002';
    await withProvider(async (ctx) => {
      const prefs = noticePreferences(ctx);
      for (const [name, mobile] of [
        ['anna', anna],
        ['bruno', bruno],
      ] as const) {
        const box = await ctx.storage.accounts.findMailboxByAddress(`${name}@${domain}`);
        assert.ok(box !== undefined);
        assert.ok((await prefs.setMobile(box.id, mobile)).ok);
        const code = /(\d{6})$/.exec(textsTo(mobile)[0] ?? '')?.[1];
        assert.ok(code !== undefined);
        assert.ok((await prefs.verifyMobile(box.id, code)).ok);
        // Quiet hours around the simulated times of day (the notices fall due at the activation's time).
        const changed = await prefs.update(box.id, {
          timeZone: 'UTC',
          quietStart: hhmm(hour - 1),
          quietEnd: hhmm(hour + 2),
          // Bruno wants SMS of new PEC only; Anna of the box's life only.
          ...(name === 'anna' ? { smsBoxLife: true } : { smsEnabled: true }),
        });
        assert.ok(changed.ok, changed.ok ? '' : changed.problem);
      }
    });
    const before30 = textsTo(anna).length;

    // 30 days ahead: not urgent, so held until the quiet hours end; a second run queues nothing more.
    await ok('lifecycle', 'run', '--at', at30.toISOString());
    await ok('lifecycle', 'run', '--at', at30.toISOString());
    await withProvider((ctx) => sendDueNotices(ctx, at30));
    assert.equal(textsTo(anna).length, before30, 'held during the quiet hours');
    await withProvider((ctx) => sendDueNotices(ctx, new Date(at30.getTime() + 3 * hourMs)));
    const day = expiresAt.toISOString().slice(0, 10);
    const ahead = textsTo(anna).slice(before30);
    assert.ok(ahead.length >= 1, 'the 30-day notice arrived');
    assert.ok(
      ahead.every((t) => t.includes(`PEC anna@${domain}`) && t.includes(`expires on ${day}`)),
      ahead.join('\n'),
    );
    assert.ok(ahead.every((t) => t.length <= 160));
    await ok('lifecycle', 'run', '--at', new Date(at30.getTime() + 4 * hourMs).toISOString());
    await withProvider((ctx) => sendDueNotices(ctx, new Date(at30.getTime() + 5 * hourMs)));
    assert.equal(textsTo(anna).length, before30 + ahead.length, 'no repeat');

    // One day ahead: urgent, so sent during the quiet hours; once, however often the lifecycle runs.
    const at1 = new Date(expiresAt.getTime() - dayMs);
    for (let run = 0; run < 3; run++) await ok('lifecycle', 'run', '--at', at1.toISOString());
    await withProvider((ctx) => sendDueNotices(ctx, at1));
    await withProvider((ctx) => sendDueNotices(ctx, new Date(at1.getTime() + 6 * hourMs)));
    const lastDay = textsTo(anna).slice(before30 + ahead.length);
    assert.equal(lastDay.length, 1, lastDay.join('\n'));
    assert.match(lastDay[0] ?? '', new RegExp(`^PEC anna@${domain.replace(/\./g, '\\.')}: scade il ${day}`));

    // Bruno did not choose SMS for these notices: his mobile got its code only.
    assert.equal(textsTo(bruno).length, 1);
    await withProvider(async (ctx) => {
      const box = await ctx.storage.accounts.findMailboxByAddress(`anna@${domain}`);
      assert.ok(box !== undefined);
      const queued = await ctx.storage.smsOutbox.listForMailbox(box.id);
      assert.ok(queued.every((s) => s.sentAt !== null));
    });
  });
});
