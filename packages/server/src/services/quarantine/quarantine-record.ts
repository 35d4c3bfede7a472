/**
 * The validation of a quarantine record (ports/quarantine-store.ts): the sidecar the file
 * quarantine keeps beside each message, checked too before the shared quarantine stores one
 * (pec-spec §2.1: infected messages found at the access or reception point are kept 30 months,
 * DPR 68/2005 art. 12; §2.2 step 3, §3.8). It says when and where the virus was found, by which
 * signature, for whom, and until when it is kept.
 */
import { z } from 'zod';
import { quarantinePoints } from '../../ports/quarantine-store.ts';

export type { QuarantineDetection, QuarantinePoint, QuarantineRecord } from '../../ports/quarantine-store.ts';
export { quarantinePoints };

const isoInstant = z.iso.datetime({ offset: false, precision: 3 });

export const quarantineRecordSchema = z.strictObject({
  version: z.literal(1),
  /** `<sha256>.<detection stamp>.<point>`: names the sidecar file. */
  id: z.string().regex(/^[0-9a-f]{64}\.\d{8}T\d{9}Z\.(access|reception)$/),
  /** Lower-case hex SHA-256 of the message: names the message file. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().min(0),
  detectedAt: isoInstant,
  point: z.enum(quarantinePoints),
  /** The scanner's signature name, e.g. `Win.Test.EICAR_HDB-1`. */
  signature: z.string().min(1),
  /** The reverse-path (MAIL FROM), possibly empty for a bounce. */
  sender: z.string(),
  recipients: z.array(z.string()),
  /** The PEC identifier (`identificativo`), when one was assigned or read from the envelope. */
  identifier: z.string().min(1).optional(),
  /** detectedAt plus the retention months; purged from then on. */
  retainUntil: isoInstant,
});
