/**
 * Does a worker-thread pool for signing and verifying pay on this machine (decision 0020)? The same
 * work — sign a 10 KB entity, verify a signed transport envelope — with 16 operations in flight, once
 * on the main thread (node:crypto's RSA already runs on the libuv pool) and once spread over a pool of
 * `cores` worker threads, each after the raw RSA reference of the same run.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  buildTransportEnvelope,
  createDevelopmentPki,
  createSoftwareSigner,
  deriveOriginalFacts,
  signPecMessage,
  verifySignedMessage,
} from '@pec/core';
import type { BenchRow } from './core-signing.bench.ts';

const inFlight = 16;
/** Worker threads do not inherit the tsx loader: register it, then load the TypeScript worker. */
const workerBootstrap =
  `import('tsx/esm/api').then((tsx) => { tsx.register(); ` +
  `return import(${JSON.stringify(new URL('./crypto-pool-worker.ts', import.meta.url).href)}); });`;

/** Operations per second with `inFlight` operations running at once, for `seconds`. */
async function concurrentRate(operation: () => Promise<unknown>, seconds: number): Promise<number> {
  for (let i = 0; i < inFlight; i++) await operation();
  let count = 0;
  const start = performance.now();
  const lane = async (): Promise<void> => {
    while (performance.now() - start < seconds * 1000) {
      await operation();
      count++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return count / ((performance.now() - start) / 1000);
}

export async function benchCryptoPool(seconds: number): Promise<BenchRow[]> {
  const now = new Date('2026-11-22T10:00:00Z');
  const pki = await createDevelopmentPki({ domain: 'pec.example.it', providerName: 'Bench PEC', now });
  const signer = await createSoftwareSigner({
    certificate: pki.signingCertificate,
    privateKey: pki.signingPrivateKey,
    digestAlgorithm: 'sha1',
  });
  const entity = new TextEncoder().encode(
    'Content-Type: text/plain\r\n\r\n' + 'x'.repeat(10 * 1024) + '\r\n',
  );
  const original = new TextEncoder().encode(
    'From: a@pec.example.it\r\nTo: b@pec.example.org\r\nSubject: s\r\nMessage-ID: <b@x>\r\n' +
      'Date: Sun, 22 Nov 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n' +
      'y\r\n'.repeat(3000),
  );
  const envelope = await signPecMessage(
    buildTransportEnvelope({
      provider: { name: 'Bench PEC', domain: 'pec.example.it' },
      acceptedAt: now,
      identifier: 'opec1.20261122100000.1.1.1.1@pec.example.it',
      original,
      facts: deriveOriginalFacts(original, () => 'certificato'),
    }),
    signer,
    now,
  );

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const digest = new Uint8Array(32).fill(7);
  const raw = await concurrentRate(
    () =>
      new Promise((resolve) => {
        sign('sha256', digest, privateKey, resolve);
      }),
    seconds,
  );
  const mainSign = await concurrentRate(() => signer.sign(entity, now), seconds);
  const mainVerify = await concurrentRate(() => verifySignedMessage(envelope), seconds);

  const size = cpus().length;
  const workers = Array.from(
    { length: size },
    () =>
      new Worker(workerBootstrap, {
        eval: true,
        workerData: { certificate: pki.signingCertificate, privateKey: pki.signingPrivateKey },
      }),
  );
  const waiting = new Map<number, (result: unknown) => void>();
  for (const worker of workers) {
    worker.on('message', (reply: { id: number; result: unknown }) => {
      waiting.get(reply.id)?.(reply.result);
      waiting.delete(reply.id);
    });
  }
  let next = 0;
  const run = (kind: 'sign' | 'verify', bytes: Uint8Array): Promise<unknown> =>
    new Promise((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      workers[id % size]?.postMessage({ id, kind, bytes, at: now.getTime() });
    });
  const poolSign = await concurrentRate(() => run('sign', entity), seconds);
  const poolVerify = await concurrentRate(() => run('verify', envelope), seconds);
  await Promise.all(workers.map((worker) => worker.terminate()));

  const ratio = (rate: number): string => `${((rate / raw) * 100).toFixed(1)} % of raw RSA`;
  return [
    {
      name: `raw RSA-2048 signatures, ${inFlight} in flight on the libuv pool (reference)`,
      value: raw,
      unit: 'ops/s',
    },
    { name: 'sign a 10 KB entity, main thread', value: mainSign, unit: 'ops/s', ratio: ratio(mainSign) },
    {
      name: `sign a 10 KB entity, pool of ${size} worker threads`,
      value: poolSign,
      unit: 'ops/s',
      ratio: ratio(poolSign),
    },
    {
      name: 'verify a transport envelope, main thread',
      value: mainVerify,
      unit: 'ops/s',
      ratio: ratio(mainVerify),
    },
    {
      name: `verify a transport envelope, pool of ${size} worker threads`,
      value: poolVerify,
      unit: 'ops/s',
      ratio: ratio(poolVerify),
    },
  ];
}
