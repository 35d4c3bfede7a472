/**
 * daticert `<errore-esteso>` text in the convention of real providers (pec-spec §3.6, §3.7):
 * `<enhanced status code> - <provider name> - <description>`, e.g.
 * `5.1.1 - Example PEC S.p.A. - indirizzo non valido`. Consumers read the code to tell cases apart
 * (the final 24 h notice starts with `5.4.1`).
 */
import type { ProviderIdentity } from './provider-identity.ts';

export function formatExtendedError(code: string, provider: ProviderIdentity, description: string): string {
  if (!/^[245]\.\d{1,3}\.\d{1,3}$/.test(code)) throw new RangeError(`invalid enhanced status code: ${code}`);
  return `${code} - ${provider.name} - ${description}`;
}
