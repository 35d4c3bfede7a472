/**
 * What every envelope, receipt and notice says about the original message (pec-spec §3, §4.2
 * `intestazione` and `msgid`): sender, recipients with their kind, Reply-To, subject, the client's
 * Message-ID and the receipt variant it asked for. Builders take these as input so that the same
 * facts always give the same bytes.
 */
import type { ReceiptVariant, RecipientKind } from '../vocabulary.ts';

export interface OriginalRecipient {
  /** Bare address, as written in the original. */
  readonly address: string;
  /** PEC recipient (`certificato`) or ordinary Internet recipient (`esterno`), pec-spec §2.2 step 4. */
  readonly kind: RecipientKind;
  /** True when the address is only in `Cc:`; such recipients get a sintetica receipt (pec-spec §3.5). */
  readonly isCc: boolean;
}

export interface OriginalFacts {
  /** The original sender (From, equal to the reverse-path after the formal checks), bare address. */
  readonly sender: string;
  /** To then Cc recipients, in order, each once. */
  readonly recipients: readonly OriginalRecipient[];
  /** The original Reply-To, bare address, when it had one. */
  readonly replyTo?: string | undefined;
  /** The original subject, decoded from RFC 2047; undefined when it had none. */
  readonly subject?: string | undefined;
  /** The client's Message-ID with angle brackets (before the PEC replacement of pec-spec §6.1). */
  readonly msgid?: string | undefined;
  /** `X-TipoRicevuta` of the original, `completa` when absent (pec-spec §3.1). */
  readonly requestedVariant: ReceiptVariant;
}
