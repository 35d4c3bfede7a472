/**
 * The `limits` section of the configuration: sizes and recipient counts, with the legal floors of
 * DM 2/11/2005 art. 12 (pec-spec §6.5) and RFC 5321 enforced.
 */
import { z } from 'zod';
import { legalMinimums } from './legal-minimums.ts';

const mebibyte = 1024 * 1024;

export const limitsSchema = z
  .strictObject({
    maxRecipients: z
      .number()
      .int()
      .min(
        legalMinimums.maxRecipients,
        `must be at least ${legalMinimums.maxRecipients}: DM 2/11/2005 art. 12 requires accepting 50 recipients`,
      )
      .default(500)
      .describe(
        'Most recipients one message may have. Legal minimum 50 (DM 2/11/2005 art. 12, pec-spec §6.5).',
      ),
    maxMessageBytes: z
      .number()
      .int()
      .min(
        legalMinimums.maxMessageBytes,
        `must be at least ${legalMinimums.maxMessageBytes} (30 MiB): DM 2/11/2005 art. 12 allows one recipient × 30 MB`,
      )
      .default(50 * mebibyte)
      .describe(
        'Largest message accepted, in bytes, as submitted or received. Legal minimum 30 MiB, since a ' +
          'one-recipient message of 30 MB is within the art. 12 allowance (pec-spec §6.5).',
      ),
    maxRecipientsTimesSize: z
      .number()
      .int()
      .min(
        legalMinimums.maxRecipientsTimesSize,
        `must be at least ${legalMinimums.maxRecipientsTimesSize} (30 MiB): DM 2/11/2005 art. 12 (b)`,
      )
      .default(256 * mebibyte)
      .describe(
        'Largest value of recipients × message size, in bytes. Legal minimum 30 MiB (DM 2/11/2005 art. 12, ' +
          'pec-spec §6.5).',
      ),
    maxLineLength: z
      .number()
      .int()
      .min(
        legalMinimums.maxLineLength,
        `must be at least ${legalMinimums.maxLineLength}: RFC 5321 §4.5.3.1.6 lines of 1000 octets`,
      )
      .default(1000)
      .describe('Longest text line accepted, in octets including CRLF. Minimum 1000 (RFC 5321 §4.5.3.1.6).'),
    maxHeaderBytes: z
      .number()
      .int()
      .min(8 * 1024)
      .default(256 * 1024)
      .describe('Largest header block accepted, in bytes. Minimum 8 KiB.'),
  })
  .prefault({})
  .describe('Size and recipient limits of the service (DM 2/11/2005 art. 12, pec-spec §6.5).');
