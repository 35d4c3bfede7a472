/**
 * The timers of pec-spec §3.7 / §6.3 with a simulated clock: the three rows of the §3.7 table, a
 * delivery error closing the timers, no notices for external recipients, the final notice never
 * before 22 h, exactly once across re-runs and concurrent sweeps, and each notice checked by
 * openssl, xmllint and the reader.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { getHeader, parseMimeTree, readPecMessage } from '@pec/core';
import { legalLogEvents } from '../../src/services/log-register/legal-log-events.ts';
import { createAccessPoint } from '../../src/services/pipeline/access-point/create-access-point.ts';
import { createTimeoutSweeper } from '../../src/services/lifecycle/create-timeout-sweeper.ts';
import {
  dueTimeoutStages,
  earliestFinalNoticeMs,
  timeoutSchedule,
} from '../../src/services/lifecycle/plan-timeout-notices.ts';
import type { TrackedRecipient } from '../../src/ports/message-tracking-store.ts';
import {
  createTestProvider,
  daticertOf,
  folderMessages,
  opensslVerifyProblem,
  otherProviderDomain,
  renderTestMessage,
  testStart,
  xmllintProblem,
  type TestProvider,
} from '../pipeline/create-test-provider.ts';
import { accessPointDependencies, timeoutSweeperDependencies } from '../../src/app/service-dependencies.ts';

const hour = 3_600_000;
const minute = 60_000;
const mario = 'mario.rossi@pec.example.it';
/** Take-charge within 12 h, never delivered: only the final notice. */
const takenOnly = `preso.in.carico@${otherProviderDomain}`;
/** Nothing ever arrives: both notices. */
const silent = `silenzioso@${otherProviderDomain}`;
/** Delivered after 12 h, before 24 h: only the 12 h notice. */
const lateDelivery = `consegna.tardiva@${otherProviderDomain}`;
/** A delivery error closes the timers: no notice. */
const failed = `errore@${otherProviderDomain}`;
/** Not a PEC address: no timers at all. */
const external = 'amico@posta-ordinaria.example';

const at = (ms: number): Date => new Date(testStart.getTime() + ms);

async function submit(provider: TestProvider, raw: Uint8Array, rcptTo: readonly string[]): Promise<string> {
  const outcome = await createAccessPoint(accessPointDependencies(provider.ctx)).submit({
    authenticatedUser: mario,
    mailFrom: mario,
    rcptTo,
    raw,
    remoteAddress: '127.0.0.1',
    secure: true,
  });
  assert.equal(outcome.kind, 'accepted');
  return outcome.identifier;
}

async function timeoutNotices(provider: TestProvider) {
  const inbox = await folderMessages(provider, mario);
  return inbox.filter((m) => m.message.pecType === 'preavviso-errore-consegna');
}

describe('timeout sweeper (pec-spec §3.7 table)', () => {
  let provider: TestProvider;
  let identifier: string;
  const recipients = [takenOnly, silent, lateDelivery, failed, external];

  before(async () => {
    provider = await createTestProvider();
    await provider.addMailbox(mario);
    const raw = Buffer.from(
      Buffer.from(renderTestMessage({ to: recipients.join(', '), subject: 'Diffida' }))
        .toString('utf8')
        .replace('Subject: ', 'Reply-To: ufficio.legale@pec.example.it\r\nSubject: '),
    );
    identifier = await submit(provider, raw, recipients);
  });
  after(async () => {
    await provider.close();
  });

  it('follows the table with the default one-minute sweep', async () => {
    const { ctx } = provider;
    const sweeper = createTimeoutSweeper(timeoutSweeperDependencies(ctx));
    assert.equal(sweeper.schedule.firstAfterMs, 12 * hour);
    assert.equal(sweeper.schedule.finalAfterMs, 24 * hour - 2 * minute);

    await ctx.storage.tracking.recordEvent(identifier, takenOnly, {
      status: 'taken-in-charge',
      at: at(2 * hour),
      receiptId: 'tic-1@pec.other-provider.example',
    });
    await ctx.storage.tracking.recordEvent(identifier, failed, {
      status: 'error',
      at: at(5 * hour),
      receiptId: 'err-1@pec.other-provider.example',
    });

    assert.deepEqual(await sweeper.runOnce(at(12 * hour - 1)), {
      firstNotices: 0,
      finalNotices: 0,
      superseded: 0,
      failures: 0,
    });
    const twelve = await sweeper.runOnce(at(12 * hour));
    assert.equal(twelve.firstNotices, 2, 'silent and late-delivery recipients');
    assert.equal(twelve.finalNotices, 0);
    assert.equal((await sweeper.runOnce(at(12 * hour + minute))).firstNotices, 0, 're-run sends nothing');

    await ctx.storage.tracking.recordEvent(identifier, lateDelivery, {
      status: 'delivered',
      at: at(13 * hour),
      receiptId: 'del-1@pec.other-provider.example',
    });
    const early = await sweeper.runOnce(at(24 * hour - 2 * minute - 1));
    assert.equal(early.finalNotices, 0, 'not before the planned time');
    const final = await sweeper.runOnce(at(24 * hour - 2 * minute));
    assert.equal(final.finalNotices, 2, 'taken-only and silent recipients');
    assert.equal(final.firstNotices, 0);
    const again = await sweeper.runOnce(at(25 * hour));
    assert.deepEqual(again, { firstNotices: 0, finalNotices: 0, superseded: 0, failures: 0 });

    const tracked = await ctx.storage.tracking.get(identifier);
    const status = new Map(tracked?.recipients.map((r) => [r.address, r.status]));
    assert.deepEqual(Object.fromEntries(status), {
      [takenOnly]: 'timeout-24h',
      [silent]: 'timeout-24h',
      [lateDelivery]: 'delivered',
      [failed]: 'error',
      [external]: 'accepted',
    });
    const silentRow = tracked?.recipients.find((r) => r.address === silent);
    assert.ok(silentRow?.events['timeout-12h']?.receiptId);
    assert.ok(silentRow.events['timeout-24h']?.receiptId);
    assert.equal(silentRow.events['timeout-24h'].at.getTime(), at(24 * hour - 2 * minute).getTime());

    // Exactly the notices of the table, one per recipient and stage.
    const notices = await timeoutNotices(provider);
    const described = await Promise.all(
      notices.map(async ({ bytes }) =>
        readPecMessage(bytes, { trustAnchors: [provider.caDer], index: ctx.index }),
      ),
    );
    const summary = described
      .map(
        (d) =>
          `${d.daticert?.delivery ?? '?'} ${d.daticert?.extendedError?.startsWith('5.4.1') ? 'final' : 'first'}`,
      )
      .sort();
    assert.deepEqual(
      summary,
      [`${lateDelivery} first`, `${silent} final`, `${silent} first`, `${takenOnly} final`].sort(),
    );

    const logged = await ctx.storage.legalLog.search({ msgid: identifier });
    const count = (type: string) => logged.filter((e) => e.eventType === type).length;
    assert.equal(count(legalLogEvents.timeoutFirstNoticeIssued), 2);
    assert.equal(count(legalLogEvents.timeoutFinalNoticeIssued), 2);
    for (const entry of logged.filter((e) => e.eventType.startsWith('pec.timeout'))) {
      assert.equal(entry.recipients.length, 1);
      assert.ok(entry.relatedMsgids.length >= 1);
    }
  });

  it('issues notices that verify with openssl, validate against the DTD and read as preavviso', async () => {
    const notices = await timeoutNotices(provider);
    assert.equal(notices.length, 4);
    const noticeIds = new Set<string>();
    for (const { bytes } of notices) {
      assert.equal(await opensslVerifyProblem(provider, bytes), undefined);
      const daticert = daticertOf(bytes);
      assert.ok(daticert);
      assert.equal(await xmllintProblem(provider, daticert), undefined);
      const read = await readPecMessage(bytes, { trustAnchors: [provider.caDer], index: provider.ctx.index });
      assert.equal(read.type, 'preavviso-errore-consegna');
      assert.equal(read.signature.valid, true);
      assert.equal(read.errors.length, 0, read.errors.join('; '));
      assert.equal(
        read.identificativo,
        (await provider.ctx.storage.tracking.get(read.identificativo ?? ''))?.identifier,
      );
      assert.equal(read.msgid, '<client-1@mua.example>');
      const fields = read.daticert;
      assert.ok(fields);
      assert.equal(fields.replyTo, 'ufficio.legale@pec.example.it', 'the original Reply-To is kept');
      assert.equal(fields.sender, mario);
      assert.equal(fields.recipients.length, 5);
      const headers = parseMimeTree(bytes).headers;
      assert.equal(getHeader(headers, 'To')?.trim(), mario);
      assert.match(
        getHeader(headers, 'Subject') ?? '',
        /^AVVISO DI MANCATA CONSEGNA PER SUP\. TEMPO MASSIMO: Diffida/,
      );
      const id = getHeader(headers, 'Message-ID')?.trim() ?? '';
      assert.ok(!noticeIds.has(id), 'each notice has its own Message-ID');
      noticeIds.add(id);
      const final = fields.extendedError?.startsWith('5.4.1 ') === true;
      assert.equal(fields.error, final ? 'altro' : 'nessuno');
      const date = getHeader(headers, 'Date') ?? '';
      assert.ok(Date.parse(date) >= at(12 * hour).getTime(), 'not before the 12 h mark');
      if (final) assert.ok(Date.parse(date) >= at(earliestFinalNoticeMs).getTime(), 'final not before 22 h');
    }
  });
});

describe('timeout sweeper: 22 h floor, exactly once', () => {
  let provider: TestProvider;
  before(async () => {
    provider = await createTestProvider();
    await provider.addMailbox(mario);
  });
  after(async () => {
    await provider.close();
  });

  it('never sends the final notice before 22 h, even with a long sweep interval', async () => {
    const identifier = await submit(provider, renderTestMessage({ to: silent }), [silent]);
    const sweeper = createTimeoutSweeper(timeoutSweeperDependencies(provider.ctx), { intervalMs: 3 * hour });
    assert.equal(sweeper.schedule.finalAfterMs, 22 * hour);
    assert.equal((await sweeper.runOnce(at(12 * hour))).firstNotices, 1);
    assert.equal((await sweeper.runOnce(at(22 * hour - 1))).finalNotices, 0);
    assert.equal((await sweeper.runOnce(at(22 * hour))).finalNotices, 1);
    assert.equal((await provider.ctx.storage.tracking.get(identifier))?.recipients[0]?.status, 'timeout-24h');
  });

  it('sends both notices once when the sweeper was down past 24 h', async () => {
    provider.clock.set(at(hour));
    const identifier = await submit(provider, renderTestMessage({ to: silent, messageId: '<late@mua>' }), [
      silent,
    ]);
    const result = await createTimeoutSweeper(timeoutSweeperDependencies(provider.ctx)).runOnce(
      at(30 * hour),
    );
    assert.equal(result.firstNotices, 1);
    assert.equal(result.finalNotices, 1);
    const row = (await provider.ctx.storage.tracking.get(identifier))?.recipients[0];
    assert.equal(row?.status, 'timeout-24h');
  });

  it('without a client Message-ID the facts come from tracking, and the notice is still valid', async () => {
    provider.clock.set(at(4 * hour));
    const identifier = await submit(provider, renderTestMessage({ to: silent, messageId: null }), [silent]);
    assert.equal(
      (await createTimeoutSweeper(timeoutSweeperDependencies(provider.ctx)).runOnce(at(16 * hour)))
        .firstNotices,
      1,
    );
    const row = (await provider.ctx.storage.tracking.get(identifier))?.recipients[0];
    const noticeId = row?.events['timeout-12h']?.receiptId ?? '';
    const notice = (await timeoutNotices(provider)).find(
      (n) => n.message.envelope.messageId === `<${noticeId}>`,
    );
    assert.ok(notice, 'the notice is in the sender INBOX');
    assert.equal(getHeader(parseMimeTree(notice.bytes).headers, 'X-Riferimento-Message-ID'), undefined);
    const daticert = daticertOf(notice.bytes);
    assert.ok(daticert);
    assert.equal(await xmllintProblem(provider, daticert), undefined);
    assert.equal(await opensslVerifyProblem(provider, notice.bytes), undefined);
    const read = await readPecMessage(notice.bytes, { skipSignature: true });
    assert.equal(read.identificativo, identifier);
    assert.equal(read.daticert?.delivery, silent);
  });

  it('two sweepers racing at the same instant issue each notice once', async () => {
    provider.clock.set(at(2 * hour));
    const identifier = await submit(
      provider,
      renderTestMessage({ to: `${silent}, ${takenOnly}`, messageId: '<race@mua>' }),
      [silent, takenOnly],
    );
    const a = createTimeoutSweeper(timeoutSweeperDependencies(provider.ctx));
    const b = createTimeoutSweeper(timeoutSweeperDependencies(provider.ctx));
    const when = at(2 * hour + 12 * hour);
    const results = await Promise.all([a.runOnce(when), b.runOnce(when), a.runOnce(when)]);
    assert.equal(
      results.reduce((sum, r) => sum + r.firstNotices, 0),
      2,
    );
    assert.ok(results.reduce((sum, r) => sum + r.superseded, 0) >= 0);
    const logged = await provider.ctx.storage.legalLog.search({ msgid: identifier });
    assert.equal(logged.filter((e) => e.eventType === legalLogEvents.timeoutFirstNoticeIssued).length, 2);
    const notices = (await timeoutNotices(provider)).filter((n) => n.message.pecReference === '<race@mua>');
    assert.equal(notices.length, 2);
  });

  it('a sweep that fails mid-way leaves no half-issued notice and the next sweep issues it', async () => {
    provider.clock.set(at(3 * hour));
    const identifier = await submit(provider, renderTestMessage({ to: silent, messageId: '<crash@mua>' }), [
      silent,
    ]);
    const failing = {
      ...provider.ctx,
      storage: {
        ...provider.ctx.storage,
        transaction: () => Promise.reject(new Error('disk full')),
      },
    };
    const errors: unknown[] = [];
    const broken = await createTimeoutSweeper(timeoutSweeperDependencies(failing), {
      onError: (e) => errors.push(e),
    }).runOnce(at(15 * hour));
    assert.equal(broken.failures, 1);
    assert.equal(errors.length, 1);
    assert.equal((await provider.ctx.storage.tracking.get(identifier))?.recipients[0]?.status, 'accepted');
    const retried = await createTimeoutSweeper(timeoutSweeperDependencies(provider.ctx)).runOnce(
      at(15 * hour + minute),
    );
    assert.equal(retried.firstNotices, 1);
  });
});

describe('timeout sweeper loop', () => {
  it('sweeps at start and every interval by the clock, and stops', async () => {
    const provider = await createTestProvider();
    try {
      await provider.addMailbox(mario);
      const identifier = await submit(provider, renderTestMessage({ to: silent }), [silent]);
      const errors: unknown[] = [];
      const sweeper = createTimeoutSweeper(timeoutSweeperDependencies(provider.ctx), {
        intervalMs: 5,
        onError: (e) => errors.push(e),
      });
      sweeper.start();
      sweeper.start();
      const status = async () => (await provider.ctx.storage.tracking.get(identifier))?.recipients[0]?.status;
      await new Promise((resolve) => setTimeout(resolve, 30));
      assert.equal(await status(), 'accepted', 'nothing due at acceptance time');
      provider.clock.advance(12 * hour);
      for (let i = 0; i < 200 && (await status()) === 'accepted'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.equal(await status(), 'timeout-12h');
      await sweeper.stop();
      provider.clock.advance(12 * hour);
      await new Promise((resolve) => setTimeout(resolve, 30));
      assert.equal(await status(), 'timeout-12h', 'a stopped sweeper sends nothing');
      assert.deepEqual(errors, []);
    } finally {
      await provider.close();
    }
  });
});

describe('dueTimeoutStages (property)', () => {
  const recipient = (
    events: TrackedRecipient['events'],
    status: TrackedRecipient['status'],
  ): TrackedRecipient => ({
    address: silent,
    kind: 'certificato',
    status,
    statusAt: testStart,
    events,
  });

  it('never plans the final notice before 22 h nor after deliveryHours', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 6 * hour }),
        fc.double({ min: 22, max: 24, noNaN: true }),
        fc.integer({ min: 0, max: 30 * hour }),
        (intervalMs, deliveryHours, age) => {
          const schedule = timeoutSchedule({ takeChargeHours: 12, deliveryHours }, intervalMs);
          assert.ok(schedule.finalAfterMs >= earliestFinalNoticeMs);
          assert.ok(schedule.finalAfterMs <= deliveryHours * hour);
          const stages = dueTimeoutStages(
            { acceptedAt: testStart },
            recipient({}, 'accepted'),
            at(age),
            schedule,
          );
          if (age < earliestFinalNoticeMs) assert.ok(!stages.includes('final'));
          if (age < 12 * hour) assert.deepEqual(stages, []);
        },
      ),
    );
  });

  it('plans nothing for closed or external recipients, and only the final one after a timely take-charge', () => {
    const schedule = timeoutSchedule({ takeChargeHours: 12, deliveryHours: 24 }, minute);
    const now = at(23 * hour + 59 * minute);
    const delivered = { at: at(hour), receiptId: 'd@x', detail: null };
    assert.deepEqual(
      dueTimeoutStages({ acceptedAt: testStart }, recipient({ delivered }, 'delivered'), now, schedule),
      [],
    );
    assert.deepEqual(
      dueTimeoutStages(
        { acceptedAt: testStart },
        { ...recipient({}, 'accepted'), kind: 'esterno' },
        now,
        schedule,
      ),
      [],
    );
    const taken = { 'taken-in-charge': { at: at(11 * hour), receiptId: 't@x', detail: null } };
    assert.deepEqual(
      dueTimeoutStages({ acceptedAt: testStart }, recipient(taken, 'taken-in-charge'), now, schedule),
      ['final'],
    );
    const lateTake = { 'taken-in-charge': { at: at(13 * hour), receiptId: 't@x', detail: null } };
    assert.deepEqual(
      dueTimeoutStages(
        { acceptedAt: testStart },
        recipient(lateTake, 'taken-in-charge'),
        at(13 * hour),
        schedule,
      ),
      ['first'],
      'a take-charge after 12 h does not cancel the 12 h notice',
    );
  });
});
