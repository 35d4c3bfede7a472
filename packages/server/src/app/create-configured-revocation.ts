/**
 * The revocation checker the configuration asks for (`revocation` section, decision 0009): none
 * with policy `off`, else the HTTP source (CRL and OCSP) bounded by the configured time and size.
 */
import type { Clock } from '../ports/clock.ts';
import type { Config } from '../config/config-schema.ts';
import { createHttpRevocationSource } from '../http-clients/create-http-revocation-source.ts';
import { createRevocationChecker } from '../services/revocation/create-revocation-checker.ts';
import type { RevocationChecker } from '../services/revocation/revocation-checker.ts';

export function createConfiguredRevocation(
  settings: Omit<Config['revocation'], 'trustAnchorFiles'>,
  clock: Clock,
  warn: (message: string) => void,
): RevocationChecker | undefined {
  if (settings.policy === 'off') return undefined;
  return createRevocationChecker(
    {
      source: createHttpRevocationSource({
        timeoutMs: settings.timeoutMs,
        maxCrlBytes: settings.maxCrlBytes,
      }),
      clock,
      warn,
    },
    { policy: settings.policy, timeoutMs: settings.timeoutMs, cacheMinutes: settings.cacheMinutes },
  );
}
