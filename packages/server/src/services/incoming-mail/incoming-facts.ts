/**
 * What the rules look at in one incoming message. For a transport envelope these are the original
 * message's facts (the daticert sender and subject, pec-spec §3.1), not the envelope's own
 * `From: "Per conto di: …"` header.
 */
import type { PecCategory } from '../../ports/incoming-rule.ts';

export interface IncomingFacts {
  readonly sender: string;
  readonly recipients: readonly string[];
  readonly subject: string;
  readonly pecType: PecCategory;
  readonly hasAttachments: boolean;
  /** Bytes of the message as filed. */
  readonly size: number;
}
