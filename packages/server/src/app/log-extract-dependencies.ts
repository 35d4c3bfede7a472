/**
 * What the log extract needs from a provider (decision 0022): the log, its daily tokens, the TSA
 * certificate to check them (`logTimestamp.tsaCertificateFile`, read once here), the signer and
 * the provider's identity.
 */
import { readFile } from 'node:fs/promises';
import { pemToDer } from '@pec/core';
import type { LogExtractExportDependencies } from '../services/log-register/export-log-extract.ts';
import type { ProviderContext } from './provider-context.ts';

export async function logExtractDependencies(
  ctx: Pick<ProviderContext, 'config' | 'storage' | 'signer' | 'identity' | 'clock'>,
): Promise<LogExtractExportDependencies> {
  const file = ctx.config.config.logTimestamp.tsaCertificateFile;
  return {
    legalLog: ctx.storage.legalLog,
    timestamps: ctx.storage.logTimestamps,
    tsaCertificate: file === undefined ? undefined : pemToDer(await readFile(file, 'utf8'), 'CERTIFICATE'),
    clock: ctx.clock,
    signer: ctx.signer,
    provider: { name: ctx.identity.name, domain: ctx.identity.domain },
  };
}
