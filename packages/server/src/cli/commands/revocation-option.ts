/**
 * `--revocation <policy>` of `pec verify` and `pec inspect` (pec-spec §8.4 step 4, decision 0009):
 * lenient (default) reports an unobtainable status as a warning, strict as a failure, off skips the
 * check. The description lines shared by both commands.
 */
import { Option, type Command } from 'commander';
import { createConfiguredRevocation } from '../../app/create-configured-revocation.ts';
import { systemClock } from '../../ports/clock.ts';
import type { RevocationChecker } from '../../services/revocation/revocation-checker.ts';

export interface RevocationCliOptions {
  readonly revocation: 'lenient' | 'strict' | 'off';
  readonly revocationTimeout: string;
}

export function addRevocationOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--revocation <policy>', 'signer revocation check (CRL/OCSP from the certificate)')
        .choices(['lenient', 'strict', 'off'])
        .default('lenient'),
    )
    .option('--revocation-timeout <ms>', 'longest wait for the CRL or OCSP answers', '5000');
}

export function cliRevocationChecker(options: RevocationCliOptions): RevocationChecker | undefined {
  const timeoutMs = Number(options.revocationTimeout);
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1) {
    throw new Error(`--revocation-timeout: not a positive integer: ${options.revocationTimeout}`);
  }
  return createConfiguredRevocation(
    { policy: options.revocation, timeoutMs, cacheMinutes: 60, maxCrlBytes: 32 * 1024 * 1024 },
    systemClock,
    () => undefined,
  );
}
