/**
 * The timers (pec-spec §3.7, §6.3) with a simulated clock: provider A runs in this
 * process (open-provider + serve, the clock injected) and sends one PEC to two peers that never
 * answer — B's MX takes the envelope (STARTTLS with B's real certificate) but no presa in carico or
 * consegna ever comes back; C's MX is down. The clock then jumps: nothing before 12 h, the 12 h
 * preavviso for both, nothing more before 22 h, the final 24 h notice (5.4.1) for both, each signed
 * by A (openssl), daticert DTD-valid, and the status `timeout-24h` in `pec message status --json`.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDevelopmentPki, pemToDer, renderProviderEntry } from '@pec/core';
import { initProvider } from '../../src/app/init-provider.ts';
import { openProvider } from '../../src/app/open-provider.ts';
import type { ProviderContext } from '../../src/app/provider-context.ts';
import { createProviderServices, serveProvider, type RunningProvider } from '../../src/app/serve.ts';
import type { Clock } from '../../src/ports/clock.ts';
import { startSmtpSink, type SmtpSink } from '../../src/protocols/smtp/relay-client/testing/smtp-sink.ts';
import { createAccountService } from '../../src/services/accounts/create-account-service.ts';
import {
  createTimeoutSweeper,
  type TimeoutSweeper,
} from '../../src/services/lifecycle/create-timeout-sweeper.ts';
import { pecOk } from '../e2e/run-pec.ts';
import { composeOriginal } from './compose-original.ts';
import {
  assertGenuine,
  filedSince,
  markAll,
  summarize,
  type Mark,
  type ObservedProvider,
} from './mail-observer.ts';
import { statusByRecipient, storedMessageStatus, type MessageStatus } from './message-status.ts';
import { freePort, mergeConfig } from './provider-pair.ts';
import { acceptedIdentifier, sendRawSmtp } from './send-raw-smtp.ts';
import { timeoutSweeperDependencies } from '../../src/app/service-dependencies.ts';

const domainA = 'pec-a.tempi.localhost';
const domainB = 'pec-b.tempi.localhost';
const domainC = 'pec-c.tempi.localhost';
const mario = `mario.rossi@${domainA}`;
const silent = `silenzioso@${domainB}`;
const unreachable = `irraggiungibile@${domainC}`;
const password = 'Password-Tempi-1';
const hour = 3_600_000;
const minute = 60_000;

/** Real time shifted by an offset the test moves forward: the provider's Clock port. */
function shiftedClock(): Clock & { jumpTo(at: Date): void } {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    jumpTo(at) {
      offset = at.getTime() - Date.now();
    },
  };
}

const allPorts = { smtp: 0, submission: 0, submissions: 0, imap: 0, imaps: 0, pop3: 0, pop3s: 0, http: 0 };

describe('peer never answers: 12 h and 24 h notices with a simulated clock', { timeout: 180_000 }, () => {
  let work: string;
  let ctx: ProviderContext | undefined;
  let running: RunningProvider | undefined;
  let blackHole: SmtpSink | undefined;
  let observed: ObservedProvider;
  let sweeper: TimeoutSweeper;
  let identifier: string;
  let acceptedAt: Date;
  let mark: Mark;
  const clock = shiftedClock();

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'pec-two-timers-'));
    const dirA = join(work, 'a');
    const dirB = join(work, 'b');
    const [initA, initB, pkiC] = await Promise.all([
      initProvider({ dataDir: dirA, domain: domainA, providerName: 'Gestore A S.p.A.', ports: allPorts }),
      initProvider({ dataDir: dirB, domain: domainB, providerName: 'Gestore B S.p.A.', ports: allPorts }),
      createDevelopmentPki({ domain: domainC, providerName: 'Gestore C S.p.A.', now: new Date() }),
    ]);
    // A's index lists B (its own record from pec init) and C.
    const recordC = renderProviderEntry({
      name: 'Gestore C S.p.A.',
      mailReceipt: `posta-certificata@${domainC}`,
      managedDomains: [domainC],
      certificates: [pemToDer(pkiC.signingCertificate, 'CERTIFICATE')],
    });
    const ldif = await Promise.all([initA, initB].map((i) => readFile(i.layout.indexFile, 'utf8')));
    await writeFile(initA.layout.indexFile, [...ldif, recordC].map((r) => `${r.trimEnd()}\n`).join('\n'));
    await mergeConfig(dirA, {
      relay: { tlsCaFiles: [initB.layout.caCertFile], dns: false, retryBaseSeconds: 1, retryMaxSeconds: 2 },
    });
    // B's MX takes everything and never sends anything back.
    blackHole = await startSmtpSink({
      cert: await readFile(initB.layout.tlsCertFile, 'utf8'),
      key: await readFile(initB.layout.tlsKeyFile, 'utf8'),
    });

    ctx = await openProvider({ dataDir: dirA, clock });
    await createAccountService({ storage: ctx.storage, clock }).createMailbox({ address: mario, password });
    await ctx.storage.routes.set({ domain: domainB, host: '127.0.0.1', port: blackHole.port, tls: null });
    await ctx.storage.routes.set({ domain: domainC, host: '127.0.0.1', port: await freePort(), tls: null });
    const services = createProviderServices(ctx, { pollMs: 50, onWorkerError: () => undefined });
    // The timers are driven by hand below (runOnce), not by the background sweep.
    running = await serveProvider(
      ctx,
      {
        accessPoint: services.accessPoint,
        authenticator: services.authenticator,
        worker: services.worker,
        ...(services.receptionPoint === undefined ? {} : { receptionPoint: services.receptionPoint }),
      },
      { closeTimeoutMs: 1000 },
    );
    const opened = ctx;
    observed = {
      spec: { key: 'a' },
      ctx: opened,
      serviceAddress: `posta-certificata@${domainA}`,
      caFile: initA.layout.caCertFile,
      output: () => '',
    };
    sweeper = createTimeoutSweeper(timeoutSweeperDependencies(opened));

    const submission = running.addresses.find((x) => x.name === 'submission');
    assert.ok(submission !== undefined);
    mark = await markAll([observed]);
    const original = composeOriginal({ from: mario, to: [silent, unreachable], subject: 'Diffida' });
    const [reply] = await sendRawSmtp(
      {
        mode: 'submission',
        host: submission.host,
        port: submission.port,
        caFile: initA.layout.caCertFile,
        user: mario,
        password,
      },
      [{ mailFrom: mario, rcptTo: original.rcptTo, raw: original.raw }],
    );
    assert.ok(reply !== undefined);
    identifier = acceptedIdentifier(reply);
    const deadline = Date.now() + 60_000;
    while (!blackHole.received.some((m) => m.rcptTo.includes(silent))) {
      assert.ok(Date.now() < deadline, 'the envelope never reached B');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const tracked = await opened.storage.tracking.get(identifier);
    assert.ok(tracked !== undefined);
    acceptedAt = tracked.acceptedAt;
  });

  after(async () => {
    await running?.close();
    await ctx?.close();
    await blackHole?.close();
    await rm(work, { recursive: true, force: true });
  });

  const status = async (): Promise<MessageStatus> => {
    const found = await storedMessageStatus(observed, identifier);
    assert.ok(found !== undefined);
    return found;
  };
  const sweepAt = (ms: number) => {
    clock.jumpTo(new Date(acceptedAt.getTime() + ms));
    return sweeper.runOnce();
  };
  const notices = async () =>
    (await filedSince([observed], mark)).filter((c) => c.type === 'preavviso-errore-consegna');

  it('B took the envelope, C is down: both still only accepted', async () => {
    assert.deepEqual(statusByRecipient(await status()), { [unreachable]: 'accepted', [silent]: 'accepted' });
    assert.equal(
      summarize(await filedSince([observed], mark)),
      [`a:${mario}/INBOX accettazione`, `a:${mario}/Sent ordinaria`].join('\n'),
    );
  });

  it('nothing before 12 h; at 12 h one preavviso per recipient (pec-spec §3.7)', async () => {
    assert.deepEqual(await sweepAt(12 * hour - minute), {
      firstNotices: 0,
      finalNotices: 0,
      superseded: 0,
      failures: 0,
    });
    assert.equal((await notices()).length, 0);
    const twelve = await sweepAt(12 * hour);
    assert.equal(twelve.firstNotices, 2);
    assert.equal(twelve.finalNotices, 0);
    const first = await notices();
    assert.deepEqual(first.map((n) => n.description.daticert?.delivery).sort(), [unreachable, silent].sort());
    await assertGenuine(work, first, [observed]);
    for (const n of first) {
      assert.equal(n.address, mario, 'to the original sender');
      assert.match(
        n.description.subject ?? '',
        /^AVVISO DI MANCATA CONSEGNA PER SUP\. TEMPO MASSIMO: Diffida/,
      );
    }
    assert.deepEqual(statusByRecipient(await status()), {
      [unreachable]: 'timeout-12h',
      [silent]: 'timeout-12h',
    });
  });

  it('nothing more before 22 h; at 24 h the final notice (5.4.1) and status timeout-24h', async () => {
    assert.equal((await sweepAt(22 * hour - minute)).finalNotices, 0);
    assert.equal((await sweepAt(23 * hour)).finalNotices, 0, 'planned two sweeps before 24 h');
    const final = await sweepAt(24 * hour);
    assert.equal(final.finalNotices, 2);
    assert.equal((await sweepAt(24 * hour + minute)).finalNotices, 0, 'exactly once');
    const all = await notices();
    assert.equal(all.length, 4);
    await assertGenuine(work, all, [observed]);
    const last = all.filter((n) => /^5\.4\.1/.test(n.description.daticert?.extendedError ?? ''));
    assert.deepEqual(last.map((n) => n.description.daticert?.delivery).sort(), [unreachable, silent].sort());
    const cli = JSON.parse(
      await pecOk(['message', 'status', identifier, '--json', '--data', join(work, 'a')]),
    ) as MessageStatus;
    assert.deepEqual(statusByRecipient(cli), { [unreachable]: 'timeout-24h', [silent]: 'timeout-24h' });
  });
});
