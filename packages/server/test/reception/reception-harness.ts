/**
 * Two providers for reception tests: "ours" (a pipeline test provider) with its MX listener on a free
 * loopback port over the real reception point, storage and quarantine; and the "other" provider, a
 * second development PKI listed in our index, whose envelopes and receipts are built with @pec/core
 * and signed with its key. Also a forger (a third PKI, not in the index) and a raw SMTP sender.
 */
import { readFile } from 'node:fs/promises';
import {
  buildTransportEnvelope,
  createDevelopmentPki,
  createSoftwareSigner,
  createProviderIndex,
  deriveOriginalFacts,
  parseLdif,
  pemToDer,
  renderProviderEntry,
  signPecMessage,
  type ProviderIdentity,
  type Signer,
  type UnsignedPecMessage,
} from '@pec/core';
import type { ProviderContext } from '../../src/app/provider-context.ts';
import type { Config } from '../../src/config/config-schema.ts';
import {
  createExchangeServer,
  type ExchangeServer,
} from '../../src/protocols/smtp/exchange/create-exchange-server.ts';
import type { ListenerAddress } from '../../src/protocols/listener-address.ts';
import { deliveryStatusOf } from '../../src/protocols/smtp/refusal-reply.ts';
import {
  openSmtpTranscript,
  type TranscriptReply,
} from '../../src/protocols/smtp/testing/smtp-transcript.ts';
import type { VirusScanner } from '../../src/ports/virus-scanner.ts';
import type { RevocationChecker } from '../../src/services/revocation/revocation-checker.ts';
import { createIdentifierSource } from '../../src/services/pipeline/create-identifier-source.ts';
import { createDeliverEnvelopeHandler } from '../../src/services/pipeline/delivery-point/create-deliver-envelope-handler.ts';
import { createOutboxWorker } from '../../src/services/pipeline/outbox/create-outbox-worker.ts';
import { envelopeJobKinds } from '../../src/services/pipeline/outbox/envelope-jobs.ts';
import { createReceptionPoint } from '../../src/services/pipeline/reception-point/create-reception-point.ts';
import type { ReceptionPoint } from '../../src/services/pipeline/reception-point/reception-point.ts';
import {
  parseRelayMessagePayload,
  relayMessageJobKind,
  type RelayMessagePayload,
} from '../../src/services/pipeline/relay/relay-message-job.ts';
import type { QuarantineStore } from '../../src/ports/quarantine-store.ts';
import { createSharedQuarantine } from '../../src/services/quarantine/create-shared-quarantine.ts';
import {
  createTestProvider,
  otherProviderDomain,
  testStart,
  type TestProvider,
} from '../pipeline/create-test-provider.ts';
import { deliveryPointDependencies, receptionPointDependencies } from '../../src/app/service-dependencies.ts';

export const ourDomain = 'pec.example.it';
export const otherName = 'Other PEC S.p.A.';
export const otherMailReceipt = `posta-certificata@${otherProviderDomain}`;
export const ourMailReceipt = `posta-certificata@${ourDomain}`;

export interface PeerProvider {
  readonly identity: ProviderIdentity;
  readonly signer: Signer;
  readonly certificateDer: Uint8Array;
  /** PEM of the CA that issued its signing certificate. */
  readonly caPem: string;
}

async function createPeer(identity: ProviderIdentity): Promise<PeerProvider> {
  const pki = await createDevelopmentPki({
    domain: identity.domain,
    providerName: identity.name,
    now: testStart,
  });
  const signer = await createSoftwareSigner({
    certificate: pki.signingCertificate,
    privateKey: pki.signingPrivateKey,
    digestAlgorithm: 'sha1',
  });
  return {
    identity,
    signer,
    certificateDer: pemToDer(pki.signingCertificate, 'CERTIFICATE'),
    caPem: pki.caCertificate,
  };
}

export interface RelayJob {
  readonly id: number;
  readonly payload: RelayMessagePayload;
  readonly bytes: Uint8Array;
}

export interface SmtpDelivery {
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
  readonly raw: Uint8Array;
  readonly startTls?: boolean;
  /** Reply code expected for each RCPT TO (default 250). */
  readonly rcptCodes?: readonly number[];
  /** Reply code expected after the final dot (default 250). */
  readonly dataCode?: number;
}

export interface ReceptionHarness {
  readonly ours: TestProvider;
  /** Our context, with an index listing both providers. */
  readonly ctx: ProviderContext;
  readonly other: PeerProvider;
  /** Same identity as `other`, but a certificate that is not in the index. */
  readonly forger: PeerProvider;
  readonly quarantine: QuarantineStore;
  readonly receptionPoint: ReceptionPoint;
  readonly port: number;
  /** PEM of the CA that issued our TLS certificate. */
  readonly caPem: string;
  /** Sends one transaction to our MX and returns the reply to the final dot. */
  send(delivery: SmtpDelivery): Promise<TranscriptReply>;
  /** Runs the outbox once with the delivery point (relay jobs are left for the relay). */
  runDeliveries(): Promise<number>;
  relayJobs(purpose?: RelayMessagePayload['purpose']): Promise<RelayJob[]>;
  deliverJobs(): Promise<number>;
  /** A transport envelope from `peer` (default: other) carrying a client message, signed at the clock's time. */
  envelopeFrom(
    input: {
      readonly to: string;
      readonly cc?: string;
      readonly subject?: string;
      readonly receiptType?: string;
      /** The attachment's bytes; default a small PDF-like text. */
      readonly attachment?: Uint8Array;
    },
    peer?: PeerProvider,
  ): Promise<{ readonly bytes: Uint8Array; readonly identifier: string; readonly sender: string }>;
  /** Signs a built message as `peer` at the clock's time. */
  sign(message: UnsignedPecMessage, peer?: PeerProvider): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** RFC 5321 §4.5.2 transparency, and the terminating dot line. */
export function dotStuff(raw: Uint8Array): Buffer {
  let text = Buffer.from(raw).toString('latin1');
  if (!text.endsWith('\r\n')) text += '\r\n';
  return Buffer.from(`${text.replace(/(^|\r\n)\./g, '$1..')}.\r\n`, 'latin1');
}

export const remoteSender = `paolo.neri@${otherProviderDomain}`;

export async function createReceptionHarness(
  options: {
    readonly virusScanner?: VirusScanner;
    readonly index?: string;
    readonly limits?: Partial<Config['limits']>;
    readonly revocation?: RevocationChecker;
  } = {},
): Promise<ReceptionHarness> {
  const ours = await createTestProvider(options.limits === undefined ? {} : { limits: options.limits });
  const other = await createPeer({ name: otherName, domain: otherProviderDomain });
  const forger = await createPeer({ name: otherName, domain: otherProviderDomain });
  const ldif =
    options.index ??
    renderProviderEntry({
      name: ours.ctx.identity.name,
      mailReceipt: ourMailReceipt,
      managedDomains: [ourDomain],
      certificates: [],
    }) +
      '\n' +
      renderProviderEntry({
        name: otherName,
        mailReceipt: otherMailReceipt,
        managedDomains: [otherProviderDomain],
        certificates: [other.certificateDer],
      });
  const ctx: ProviderContext = { ...ours.ctx, index: createProviderIndex(parseLdif(ldif)) };
  const quarantine = createSharedQuarantine({
    records: ours.ctx.storage.quarantine,
    blobs: ours.ctx.blobs,
    isBlobReferenced: (key) => ours.ctx.storage.mailboxes.isBlobReferenced(key),
    retentionMonths: 30,
    clock: ours.clock,
  });
  const receptionPoint = createReceptionPoint(
    receptionPointDependencies(ctx, {
      quarantine,
      deliveryStatusOf,
      ...(options.revocation === undefined ? {} : { revocation: options.revocation }),
      ...(options.virusScanner === undefined ? {} : { virusScanner: options.virusScanner }),
    }),
  );
  const server: ExchangeServer = createExchangeServer(receptionPoint, {
    host: '127.0.0.1',
    port: 0,
    hostname: 'mx.pec.example.it',
    providerName: ctx.identity.name,
    tls: ctx.tls,
    maxMessageBytes: ctx.config.config.limits.maxMessageBytes,
    limits: ctx.config.config.limits,
    events: {
      emit: (event) => {
        if (event.event === 'error.unexpected') console.error(event.where, event.error);
      },
      child() {
        return this;
      },
    },
  });
  const [{ port }] = (await server.listen()) as [ListenerAddress];
  const caPem = await readFile(ours.caFile, 'utf8');
  const otherIds = createIdentifierSource(otherProviderDomain);
  const worker = createOutboxWorker(
    ctx,
    { [envelopeJobKinds.deliver]: createDeliverEnvelopeHandler(deliveryPointDependencies(ctx)) },
    { owner: 'test', leaseMs: 60_000, pollMs: 10 },
  );
  let messages = 0;

  const sign = (message: UnsignedPecMessage, peer: PeerProvider = other) =>
    signPecMessage(message, peer.signer, ours.clock.now());

  return {
    ours,
    ctx,
    other,
    forger,
    quarantine,
    receptionPoint,
    port,
    caPem,
    async send(delivery) {
      const smtp = await openSmtpTranscript({ host: '127.0.0.1', port, ca: caPem });
      try {
        await smtp.expect(220);
        await smtp.send('EHLO mx.other-provider.example', 250);
        if (delivery.startTls === true) {
          await smtp.startTls();
          await smtp.send('EHLO mx.other-provider.example', 250);
        }
        await smtp.send(`MAIL FROM:<${delivery.mailFrom}>`, 250);
        for (const [i, rcpt] of delivery.rcptTo.entries()) {
          await smtp.send(`RCPT TO:<${rcpt}>`, delivery.rcptCodes?.[i] ?? 250);
        }
        await smtp.send('DATA', 354);
        smtp.write(dotStuff(delivery.raw));
        return await smtp.expect(delivery.dataCode ?? 250);
      } finally {
        await smtp.close();
      }
    },
    runDeliveries: () => worker.runOnce(),
    async relayJobs(purpose) {
      const jobs = await ctx.storage.queue.list({ kind: relayMessageJobKind });
      const parsed = await Promise.all(
        jobs.map(async (job) => {
          const payload = parseRelayMessagePayload(job.payload);
          return { id: job.id, payload, bytes: await ctx.blobs.get(payload.blobKey) };
        }),
      );
      return parsed.filter((job) => purpose === undefined || job.payload.purpose === purpose);
    },
    async deliverJobs() {
      return (await ctx.storage.queue.list({ kind: envelopeJobKinds.deliver })).length;
    },
    async envelopeFrom(input, peer = other) {
      messages++;
      const sender = remoteSender;
      const lines = [
        'Date: Tue, 10 Mar 2026 10:29:00 +0100',
        `From: Paolo Neri <${sender}>`,
        `To: ${input.to}`,
        ...(input.cc === undefined ? [] : [`Cc: ${input.cc}`]),
        `Subject: ${input.subject ?? 'Contratto di fornitura'}`,
        `Message-ID: <peer-${messages}@mua.other.example>`,
        ...(input.receiptType === undefined ? [] : [`X-TipoRicevuta: ${input.receiptType}`]),
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'In allegato il contratto.',
        '.leading dot line',
        '--b1',
        'Content-Type: application/pdf; name="contratto.pdf"',
        'Content-Disposition: attachment; filename="contratto.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from(input.attachment ?? Buffer.from('%PDF-1.4 contratto di prova\n')).toString('base64'),
        '--b1--',
        '',
      ];
      const original = Buffer.from(lines.join('\r\n'), 'utf8');
      const facts = deriveOriginalFacts(original, (address) => ctx.index.classifyDomain(address));
      const now = ours.clock.now();
      const identifier = otherIds.next(now);
      const envelope = buildTransportEnvelope({
        provider: peer.identity,
        acceptedAt: now,
        identifier,
        original,
        facts,
      });
      return { bytes: await sign(envelope, peer), identifier, sender };
    },
    sign,
    async close() {
      await server.close();
      await ours.close();
    },
  };
}
