/**
 * The `limits` section of the configuration: sizes and recipient counts, with the legal floors of
 * DM 2/11/2005 art. 12 (pec-spec §6.5) and RFC 5321 enforced.
 */
import { z } from 'zod';
import { legalMinimums } from './legal-minimums.ts';

const mebibyte = 1024 * 1024;

/** Caps on concurrent connections and the early deadlines, the same for every listener. */
const connectionsSchema = z
  .strictObject({
    perAddress: z
      .number()
      .int()
      .min(1)
      .default(50)
      .describe(
        'Concurrent connections to one listener from one remote address (an IPv4 address, an IPv6 /64). ' +
          'Keep it well below `total`, so that one host cannot take every slot, and above the parallel ' +
          'deliveries of a busy peer provider (Postfix opens up to 20 per destination).',
      ),
    perNetwork: z
      .number()
      .int()
      .min(1)
      .default(100)
      .describe('Concurrent connections to one listener from one IPv4 /24.'),
    total: z
      .number()
      .int()
      .min(1)
      .default(500)
      .describe(
        'Concurrent connections to one listener in all (SMTP submission, MX, IMAP, POP3, HTTP); more get ' +
          'a temporary refusal (SMTP 421 4.7.0, IMAP BYE [UNAVAILABLE], POP3 -ERR [SYS/TEMP]).',
      ),
    tlsHandshakeSeconds: z
      .number()
      .int()
      .min(1)
      .default(10)
      .describe(
        'Time allowed for the TLS handshake on an implicit-TLS port (RFC 8314) before the connection is cut.',
      ),
    firstCommandSeconds: z
      .number()
      .int()
      .min(1)
      .default(30)
      .describe(
        'Time allowed between the greeting and the first command of a session; after it, the idle ' +
          'timeouts of each protocol apply.',
      ),
  })
  .prefault({})
  .describe(
    'Connection caps per address, per network and in all, and the early deadlines of every listener.',
  );

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
    connections: connectionsSchema,
  })
  .prefault({})
  .describe('Size and recipient limits of the service (DM 2/11/2005 art. 12, pec-spec §6.5).');
