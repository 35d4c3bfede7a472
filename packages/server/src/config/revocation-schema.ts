/**
 * The `revocation` section: how the reception point, `pec verify` and `pec inspect` check that a
 * signer certificate was not revoked at signing time (pec-spec §2.3 step 3, §8.4 step 4; decision
 * 0009). CRLs and OCSP responders come from the certificate itself.
 */
import { z } from 'zod';

export const revocationSchema = z
  .strictObject({
    policy: z
      .enum(['lenient', 'strict', 'off'])
      .default('lenient')
      .describe(
        'What an unobtainable revocation status means (no CRL or OCSP answer in time): lenient accepts the ' +
          'signature and logs a warning; strict treats it as unverifiable, so the message becomes an anomaly ' +
          'envelope (pec-spec §2.3); off does not check (development). A revoked signer is refused under both ' +
          'lenient and strict. Decision 0009 explains the default.',
      ),
    timeoutMs: z
      .number()
      .int()
      .min(100)
      .max(60_000)
      .default(5000)
      .describe(
        'Longest time one check may hold a message at the MX, every download included; past it the status is ' +
          'unknown and the policy applies (the download goes on and fills the cache).',
      ),
    cacheMinutes: z
      .number()
      .int()
      .min(1)
      .max(1440)
      .default(60)
      .describe(
        'Longest time an answer for a certificate is reused. CRLs are downloaded again at their nextUpdate, ' +
          'OCSP answers at theirs, whichever comes first.',
      ),
    maxCrlBytes: z
      .number()
      .int()
      .min(1024)
      .default(32 * 1024 * 1024)
      .describe('Largest CRL downloaded; a bigger one is a failed download.'),
    trustAnchorFiles: z
      .array(z.string().min(1).describe('A PEM file of CA certificates.'))
      .default([])
      .describe(
        'PEM files of the CA certificates that PEC signer certificates chain to (AgID CA1, pec-spec §8.2). The ' +
          "webmail's PEC panel and the evidence pack's verification report check the signer's chain against them, " +
          'and take the issuer from them when a signature does not carry it (needed for CRL and OCSP). Empty: the ' +
          'chain is reported as not checked. Relative paths are resolved against the data folder.',
      ),
  })
  .prefault({})
  .describe('Revocation checks of the signer certificates of received messages (CRL and OCSP).');
