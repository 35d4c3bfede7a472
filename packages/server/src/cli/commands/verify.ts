/**
 * `pec verify FILE --index INDEX`: exit 0 only for a cryptographically valid signature by a provider
 * listed in the index (pec-spec §2.3 steps 1–3, §8.4), otherwise print why and exit 1.
 */
import { readFile } from 'node:fs/promises';
import { readPecMessage } from '@pec/core';
import type { Command } from 'commander';
import { revocationProblem } from '../../services/revocation/revocation-checker.ts';
import { describeRevocation } from './describe-revocation.ts';
import { loadProviderIndex } from './load-provider-index.ts';
import {
  addRevocationOptions,
  cliRevocationChecker,
  type RevocationCliOptions,
} from './revocation-option.ts';

export function registerVerify(program: Command): void {
  const command = program
    .command('verify')
    .description('Exit 0 only when FILE is validly signed by a provider listed in the index')
    .argument('<file>', 'the message (.eml) to verify')
    .requiredOption('--index <file>', 'provider index: LDIF or signed .p7m');
  addRevocationOptions(command).action(
    async (file: string, options: { index: string } & RevocationCliOptions) => {
      const index = await loadProviderIndex(options.index);
      const bytes = await readFile(file);
      const revocation = cliRevocationChecker(options);
      const d = await readPecMessage(bytes, {
        index,
        ...(revocation === undefined ? {} : { revocation: revocation.check }),
      });
      const s = d.signature;
      const reasons: string[] = [];
      if (!s.present) reasons.push('no S/MIME signature');
      else if (!s.valid) reasons.push(`signature invalid: ${s.errors.join('; ') || 'unknown reason'}`);
      if (s.present && s.indexProvider === undefined) {
        reasons.push(`signer ${s.signer?.sha1 ?? '(unknown)'} is not a provider certificate in the index`);
      }
      // pec-spec §8.4 step 4: revoked at signing time, or (strict) status unobtainable.
      const revocationFailure =
        revocation === undefined ? undefined : revocationProblem(s, revocation.policy);
      if (revocationFailure !== undefined) {
        reasons.push(`signer certificate revocation: ${describeRevocation(s.revocation)}`);
      }
      if (reasons.length > 0) {
        process.stderr.write(`NOT VERIFIED: ${file}\n${reasons.map((r) => `  - ${r}\n`).join('')}`);
        process.exitCode = 1;
        return;
      }
      const warnings: string[] = [];
      if (s.certificateValidAtSigningTime === false)
        warnings.push('the certificate was not valid at signing time');
      if (s.revocation?.status === 'unknown') {
        warnings.push(`revocation status unknown: ${s.revocation.detail ?? 'no answer'}`);
      }
      const email = s.signer?.email?.toLowerCase();
      if (d.from !== undefined && email !== d.from.toLowerCase()) {
        warnings.push(
          `From: ${d.from} differs from the certificate's e-mail ${email ?? '(none)'} (pec-spec §8.1)`,
        );
      }
      process.stdout.write(
        `VERIFIED: ${d.type} signed by ${s.indexProvider ?? ''} (${s.signer?.email ?? 'no e-mail'}, ` +
          `${s.digestAlgorithm ?? '?'}) at ${s.signingTime?.toISOString() ?? 'unknown time'}\n` +
          `  revocation: ${describeRevocation(s.revocation)}\n` +
          warnings.map((w) => `  warning: ${w}\n`).join(''),
      );
    },
  );
}
