/**
 * The `logTimestamp` section: the RFC 3161 time-stamping authority that seals the log register once
 * a day (pec-spec §6.4, §8.5). Without `tsaUrl` no token is requested.
 */
import { z } from 'zod';

export const logTimestampSchema = z
  .strictObject({
    tsaUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .optional()
      .describe(
        'URL of the time-stamping authority (RFC 3161 over HTTP, POST of application/timestamp-query). Once a ' +
          'day the hash-chain head of the previous day is sent to it and the token kept beside the chain. ' +
          'Without it the log is not time-stamped.',
      ),
    tsaCertificateFile: z
      .string()
      .min(1)
      .optional()
      .describe(
        'PEM certificate of the TSA: tokens must be signed with it (checked when stored and by `pec log ' +
          'verify`). Required with tsaUrl. Relative paths are resolved against the data folder.',
      ),
    timeoutMs: z
      .number()
      .int()
      .min(1000)
      .max(300_000)
      .default(30_000)
      .describe('Longest wait for one answer of the TSA; a failed day is retried at the next hourly run.'),
  })
  .prefault({})
  .refine((section) => section.tsaUrl === undefined || section.tsaCertificateFile !== undefined, {
    error: 'tsaCertificateFile is required with tsaUrl',
    path: ['tsaCertificateFile'],
  })
  .describe('Daily RFC 3161 time stamp of the log register (pec-spec §6.4, §8.5).');
