/**
 * What every receipt and notice needs besides its own details (pec-spec §3.0, §6.1, §6.2): the
 * issuing provider, the single time reference, its own new Message-ID, the transport envelope's
 * identifier it refers to, and the facts of the original message.
 */
import type { OriginalFacts } from './original-facts.ts';
import type { ProviderIdentity } from './provider-identity.ts';

export interface NoticeInput {
  /** The provider that issues and signs this message. */
  readonly provider: ProviderIdentity;
  /** The transaction's time reference: `Date:`, daticert `<data>` and the text (pec-spec §6.2). */
  readonly issuedAt: Date;
  /** This message's own Message-ID, bare or in angle brackets (pec-spec §6.1). */
  readonly messageId: string;
  /** The transport envelope's identifier (`<identificativo>`), bare or in angle brackets. */
  readonly identifier: string;
  readonly facts: OriginalFacts;
  /** Seed of the MIME boundaries; defaults to `messageId`. */
  readonly boundarySeed?: string | undefined;
}
