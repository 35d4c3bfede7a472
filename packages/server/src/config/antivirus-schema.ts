/**
 * The `antivirus` section: the virus scanner of the access and reception points (DPR 68/2005
 * art. 12, pec-spec §3.8).
 */
import { z } from 'zod';

export const antivirusSchema = z
  .strictObject({
    kind: z
      .enum(['none', 'clamd'])
      .default('none')
      .describe(
        'Virus scanner. none is for development only: the rules require scanning at the access and reception ' +
          'points (DPR 68/2005 art. 12, pec-spec §3.8).',
      ),
    host: z.string().min(1).default('127.0.0.1').describe('clamd TCP host, used when socket is not set.'),
    port: z
      .number()
      .int()
      .min(1)
      .max(65535)
      .default(3310)
      .describe('clamd TCP port, used when socket is not set.'),
    socket: z
      .string()
      .min(1)
      .optional()
      .describe('clamd Unix socket path; when set it is used instead of host and port.'),
    timeoutMs: z.number().int().min(1000).default(30_000).describe('Milliseconds to wait for one scan.'),
  })
  .prefault({})
  .describe('Virus scanning of submitted and received messages.');
