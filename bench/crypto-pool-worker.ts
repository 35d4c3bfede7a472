/** Worker side of bench/crypto-pool.bench.ts: signs or verifies what the main thread posts. */
import { parentPort, workerData } from 'node:worker_threads';
import { createSoftwareSigner, verifySignedMessage } from '@pec/core';

const data = workerData as { certificate: string; privateKey: string };
const signer = await createSoftwareSigner({ ...data, digestAlgorithm: 'sha1' });
parentPort?.on('message', (job: { id: number; kind: 'sign' | 'verify'; bytes: Uint8Array; at: number }) => {
  const done = (result: unknown): void => parentPort?.postMessage({ id: job.id, result });
  if (job.kind === 'sign') void signer.sign(job.bytes, new Date(job.at)).then(done);
  else
    void verifySignedMessage(job.bytes).then((report) => {
      done(report.valid);
    });
});
