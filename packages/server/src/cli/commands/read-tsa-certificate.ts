/** The TSA certificate of `logTimestamp.tsaCertificateFile` as DER (pec-spec §8.5); undefined when not configured. */
import { readFile } from 'node:fs/promises';
import { pemToDer } from '@pec/core';

export async function readTsaCertificate(file: string | undefined): Promise<Uint8Array | undefined> {
  if (file === undefined) return undefined;
  return pemToDer(await readFile(file, 'utf8'), 'CERTIFICATE');
}
