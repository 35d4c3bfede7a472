/**
 * Quota notices against a served provider: a small-quota box is filled by delivered PEC; crossing
 * 70 %, 90 % and full each tells the holder once, at the contact e-mail (a local SMTP sink reached
 * through the relay) and in INBOX; emptying the box below 70 % over the web API resets the level,
 * so the next crossing of 70 % is told again.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSmtpSink, type SmtpSink } from '../../src/protocols/smtp/relay-client/testing/smtp-sink.ts';
import { holders, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';

const contact = 'carla@contatti.example';

describe('quota notices', { timeout: 300_000 }, () => {
  let provider: ApiProvider;
  let sink: SmtpSink;

  before(async () => {
    provider = await startApiProvider({ overrides: { relay: { dns: false } } });
    sink = await startSmtpSink({
      cert: await readFile(join(provider.dir, 'certs', 'tls-cert.pem'), 'utf8'),
      key: await readFile(join(provider.dir, 'certs', 'tls-key.pem'), 'utf8'),
      noStartTls: true,
    });
    await provider.ctx.storage.routes.set({
      domain: 'contatti.example',
      host: '127.0.0.1',
      port: sink.port,
      tls: 'none',
    });
  });
  after(async () => {
    await provider.close();
    await sink.close();
  });

  const quotaSubjects = (): string[] =>
    sink.received
      .filter((m) => m.rcptTo.includes(contact))
      .map((m) => /^Subject: (.*)$/m.exec(m.bytes.toString('utf8'))?.[1] ?? '')
      .filter((s) => /PEC mailbox/.test(s));
  async function waitForQuotaMails(count: number): Promise<string[]> {
    for (let attempt = 0; attempt < 150; attempt++) {
      if (quotaSubjects().length >= count) return quotaSubjects();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.fail(`no quota mail number ${String(count)} within 30 s: ${quotaSubjects().join(' | ')}`);
  }

  it('tells each crossing once, by e-mail and in INBOX, and again after usage drops back', async () => {
    const { accounts, mailboxes } = provider.ctx.storage;
    const carla = await accounts.findMailboxByAddress(holders.carla);
    assert.ok(carla !== undefined);
    await accounts.updateMailbox(carla.id, { contactEmail: contact });
    await provider.deliverPec(holders.mario, holders.carla, 'PEC 00', 'x'.repeat(2000));
    const one = (await mailboxes.quotaUsage(carla.id)).usedBytes;
    // About ten PEC fill the box: each crossing comes after a few of them.
    await accounts.updateMailbox(carla.id, { quotaBytes: one * 10 });
    const levels: number[] = [];
    for (let n = 1; n < 14; n++) {
      await provider.deliverPec(
        holders.mario,
        holders.carla,
        `PEC ${String(n).padStart(2, '0')}`,
        'x'.repeat(2000),
      );
      const usage = await mailboxes.quotaUsage(carla.id);
      levels.push(Math.floor((usage.usedBytes * 100) / usage.quotaBytes));
    }
    assert.ok(
      levels.some((l) => l >= 100),
      levels.join(','),
    );
    const told = await waitForQuotaMails(3);
    assert.deepEqual(
      told.map((s) => /(\d+)% full|full/.exec(s)?.[0]),
      ['70% full', '90% full', 'full'],
      told.join(' | '),
    );
    const inbox = await mailboxes.getFolder(carla.id, 'INBOX');
    assert.ok(inbox !== undefined);
    const inInbox = (await mailboxes.listMessages(inbox.id)).filter((m) =>
      /PEC mailbox/.test(m.envelope.subject ?? ''),
    );
    assert.equal(inInbox.length, 3, 'one copy of each in INBOX');

    // Empty the box over the web: to Trash, then out of Trash for good.
    const cookie = await signIn(provider.base, holders.carla);
    const send = (path: string, body: unknown) =>
      fetch(`${provider.base}${path}`, {
        method: 'POST',
        headers: { cookie, 'x-pec-request': '1', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const uids = (await mailboxes.listMessageStates(inbox.id)).map((m) => m.uid);
    const moved = (await (
      await send('/api/v1/messages/delete', { folderId: String(inbox.id), uids })
    ).json()) as {
      targetFolderId: string;
      targetUids: number[];
    };
    const gone = await send('/api/v1/messages/delete', {
      folderId: moved.targetFolderId,
      uids: moved.targetUids,
    });
    assert.equal(gone.status, 200);
    assert.ok((await mailboxes.quotaUsage(carla.id)).usedBytes < one * 7);
    for (let n = 14; n < 40 && quotaSubjects().length < 4; n++) {
      await provider.deliverPec(holders.mario, holders.carla, `PEC ${String(n)}`, 'x'.repeat(2000));
      if ((await mailboxes.quotaUsage(carla.id)).usedBytes >= one * 7) break;
    }
    const again = await waitForQuotaMails(4);
    assert.match(again[3] ?? '', /70% full/, again.join(' | '));
  });
});
