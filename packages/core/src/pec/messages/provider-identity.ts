/**
 * Who issues a generated PEC message: the provider's name (daticert `gestore-emittente`) and the
 * domain of its service address, `posta-certificata@<domain>`, which every generated message is
 * sent from and which must equal the signing certificate's rfc822Name (pec-spec §1.4, §2.1, §8.1).
 */
import { serviceLocalPart } from '../vocabulary.ts';

export interface ProviderIdentity {
  /** daticert `<gestore-emittente>`, e.g. `Example PEC S.p.A.` */
  readonly name: string;
  /** Domain of the service address, e.g. `pec.example.it`. */
  readonly domain: string;
}

/** The provider's service address, `posta-certificata@<domain>` (pec-spec §1.4). */
export function serviceAddress(provider: ProviderIdentity): string {
  return `${serviceLocalPart}@${provider.domain}`;
}
