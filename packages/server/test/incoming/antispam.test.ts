/**
 * The holders' spam filter over a real provider and a private rspamd (decision 0034): ordinary mail
 * carrying GTUBE is refused at the MX with a 5.7.1 reply (Python's smtplib reads it) or filed in
 * Spam as $Junk, by the holder's choice; clean mail and allow-listed senders reach INBOX; a signed
 * PEC carrying GTUBE is never refused: it is delivered, its delivery receipt issued, labelled $Junk,
 * and in Spam only when the holder chose it; with rspamd stopped mail flows and /metrics counts the
 * unavailable scans.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ProviderContext } from '../../src/app/provider-context.ts';
import type { LogEvent } from '../../src/ports/event-log.ts';
import { legalLogEvents } from '../../src/services/log-register/legal-log-events.ts';
import { holders, signIn, startApiProvider, type ApiProvider } from '../api/api-provider.ts';
import { gtube, rspamdSkipReason, startRspamd, type RspamdHarness } from '../support/rspamd-harness.ts';
import { ordinaryMessage, sendToMx } from './send-to-mx.ts';

const skip = rspamdSkipReason();

async function folderState(ctx: ProviderContext, address: string, name: string) {
  const mailbox = await ctx.storage.accounts.findMailboxByAddress(address);
  assert.ok(mailbox);
  const folder = await ctx.storage.mailboxes.getFolder(mailbox.id, name);
  return folder === undefined ? [] : ctx.storage.mailboxes.listMessages(folder.id);
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 150; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(`${what} within 30 s`);
}

/** The value of `pec_antispam_scans_total{outcome}` on /metrics (0 when absent). */
async function scans(base: string, outcome: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`pec_antispam_scans_total{outcome="${outcome}"}`));
  return line === undefined ? 0 : Number(line.split(' ')[1]);
}

describe('antispam with a private rspamd (decision 0034)', { skip, timeout: 420_000 }, () => {
  let rspamd: RspamdHarness;
  let provider: ApiProvider;
  let mario: string;
  let mxPort: number;
  const events: LogEvent[] = [];
  before(async () => {
    rspamd = await startRspamd();
    provider = await startApiProvider({
      overrides: { antispam: { rspamd: { url: rspamd.url, timeoutMs: 5000 } } },
      events: (event) => events.push(event),
    });
    mario = await signIn(provider.base, holders.mario);
    const mx = provider.running.addresses.find((a) => a.name === 'smtp');
    assert.ok(mx);
    mxPort = mx.port;
    // Mario takes ordinary mail (the default refuses it, pec-spec §6.6).
    assert.equal((await patch('/api/v1/settings/ordinary-mail', { policy: 'accept' })).status, 200);
  });
  after(async () => {
    await provider.close();
    await rspamd.stop();
  });

  async function patch(path: string, body: unknown) {
    const response = await fetch(`${provider.base}${path}`, {
      method: 'PATCH',
      headers: { 'x-pec-request': '1', cookie: mario, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  }
  const setAntispam = (action: 'refuse' | 'spam-folder', pecToSpamFolder = false) =>
    patch('/api/v1/settings/antispam', { enabled: true, threshold: 6, action, pecToSpamFolder });
  const mailFrom = 'someone@example.net';
  const send = (subject: string, body: string) =>
    sendToMx({
      port: mxPort,
      mailFrom,
      rcptTo: [holders.mario],
      raw: ordinaryMessage(mailFrom, holders.mario, subject, body),
    });

  it('refuses GTUBE ordinary mail at the MX with a 5.7.1 reply when the holder chose refuse', async () => {
    const saved = await setAntispam('refuse');
    assert.equal(saved.status, 200);
    assert.equal((JSON.parse(saved.text) as { filterActive: boolean }).filterActive, true);
    const before = await scans(provider.base, 'refused');
    const reply = await send('Offerta', gtube);
    assert.equal(reply.code, 550, JSON.stringify(reply));
    assert.match(reply.text, /5\.7\.1 message refused as spam by the filter of mario@/);
    assert.match(reply.text, /score 15\.0, threshold 6\.0/);
    assert.equal(await scans(provider.base, 'refused'), before + 1);
    const spam = await folderState(provider.ctx, holders.mario, 'Spam');
    const inbox = await folderState(provider.ctx, holders.mario, 'INBOX');
    assert.ok(![...spam, ...inbox].some((m) => m.envelope.subject?.includes('Offerta')), 'nothing filed');
    assert.ok(
      events.some(
        (e) => e.event === 'antispam.scored' && e.action === 'refused' && e.symbols.includes('GTUBE'),
      ),
    );
  });

  it('files GTUBE ordinary mail in Spam as $Junk when the holder chose the Spam folder', async () => {
    assert.equal((await setAntispam('spam-folder')).status, 200);
    const reply = await send('Promozione', gtube);
    assert.equal(reply.code, 250, JSON.stringify(reply));
    const spam = await folderState(provider.ctx, holders.mario, 'Spam');
    const filed = spam.find((m) => m.envelope.subject?.includes('Promozione'));
    assert.ok(filed, 'in Spam');
    assert.ok(filed.flags.includes('$Junk'), JSON.stringify(filed.flags));
    assert.equal(filed.pecType, 'anomalia');
  });

  it('files clean mail, and GTUBE from an allow-listed sender, in INBOX without $Junk', async () => {
    const clean = await send('Riunione', 'Ci vediamo domani alle dieci per la riunione.');
    assert.equal(clean.code, 250, JSON.stringify(clean));
    const response = await fetch(`${provider.base}/api/v1/settings/senders`, {
      method: 'POST',
      headers: { 'x-pec-request': '1', cookie: mario, 'content-type': 'application/json' },
      body: JSON.stringify({ list: 'allow', value: mailFrom }),
    });
    assert.equal(response.status, 201, await response.text());
    assert.equal((await setAntispam('refuse')).status, 200);
    const allowed = await send('Prova GTUBE', gtube);
    assert.equal(allowed.code, 250, JSON.stringify(allowed));
    const inbox = await folderState(provider.ctx, holders.mario, 'INBOX');
    for (const subject of ['Riunione', 'Prova GTUBE']) {
      const filed = inbox.find((m) => m.envelope.subject?.includes(subject));
      assert.ok(filed, `${subject} in INBOX`);
      assert.ok(!filed.flags.includes('$Junk'), JSON.stringify(filed.flags));
    }
  });

  const receiptCount = async () =>
    (await provider.ctx.storage.legalLog.search({ sender: holders.anna })).filter(
      (e) => e.eventType === legalLogEvents.deliveryReceiptIssued && e.recipients.includes(holders.mario),
    ).length;

  it('delivers a signed PEC carrying GTUBE even under refuse: labelled $Junk in INBOX, receipt issued', async () => {
    assert.equal((await setAntispam('refuse', false)).status, 200);
    const receipts = await receiptCount();
    await provider.deliverPec(holders.anna, holders.mario, 'Diffida', gtube);
    const inbox = await folderState(provider.ctx, holders.mario, 'INBOX');
    const envelope = inbox.find((m) => m.pecType === 'posta-certificata');
    assert.ok(envelope, 'the PEC is in INBOX');
    assert.ok(envelope.flags.includes('$Junk'), JSON.stringify(envelope.flags));
    await waitFor('the delivery receipt', async () => ((await receiptCount()) > receipts ? true : undefined));
    assert.ok(events.some((e) => e.event === 'antispam.scored' && e.action === 'labelled'));
  });

  it('files a signed PEC carrying GTUBE in Spam when the holder chose it; its receipt is issued', async () => {
    assert.equal((await setAntispam('refuse', true)).status, 200);
    const receipts = await receiptCount();
    const before = (await folderState(provider.ctx, holders.mario, 'Spam')).length;
    // deliverPec waits for INBOX; this one goes to Spam.
    void provider.deliverPec(holders.anna, holders.mario, 'Sollecito', gtube).catch(() => undefined);
    const spam = await waitFor('the PEC in Spam', async () => {
      const messages = await folderState(provider.ctx, holders.mario, 'Spam');
      return messages.length > before ? messages : undefined;
    });
    const envelope = spam.find((m) => m.pecType === 'posta-certificata');
    assert.ok(envelope, 'the PEC is in Spam');
    assert.ok(envelope.flags.includes('$Junk'), JSON.stringify(envelope.flags));
    await waitFor('the delivery receipt', async () => ((await receiptCount()) > receipts ? true : undefined));
  });

  it('lets mail flow when rspamd is down, and counts the unavailable scans on /metrics', async () => {
    assert.equal((await setAntispam('refuse')).status, 200);
    await rspamd.stop();
    const before = await scans(provider.base, 'unavailable');
    const reply = await sendToMx({
      port: mxPort,
      mailFrom: 'other@example.org',
      rcptTo: [holders.mario],
      raw: ordinaryMessage('other@example.org', holders.mario, 'Senza filtro', gtube),
    });
    assert.equal(reply.code, 250, JSON.stringify(reply));
    const inbox = await folderState(provider.ctx, holders.mario, 'INBOX');
    assert.ok(
      inbox.some((m) => m.envelope.subject?.includes('Senza filtro')),
      'filed unscored in INBOX',
    );
    assert.equal(await scans(provider.base, 'unavailable'), before + 1);
    assert.ok(events.some((e) => e.event === 'antispam.unavailable' && /rspamd unreachable/.test(e.reason)));
  });
});
