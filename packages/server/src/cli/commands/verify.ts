/**
 * `pec verify FILE [--index INDEX | --data DIR]`: exit 0 only for a cryptographically valid signature
 * by a provider listed in the index (pec-spec §2.3 steps 1–3, §8.4), otherwise print why and exit 1.
 * FILE is a message (.eml) or a signed-data file (.p7m). Without `--index` the index of a provider's
 * data folder is used (`--data`, else PEC_DATA, else ./data), with its trust anchors: a holder
 * verifies what this provider received without naming any file (pec-spec §7.3: the local copy).
 */
import { existsSync } from 'node:fs';
import {
  readPecMessage,
  readSignedDataFile,
  type PecMessageDescription,
  type SignatureReport,
} from '@pec/core';
import type { Command } from 'commander';
import { dataFolderLayout } from '../../config/data-folder-layout.ts';
import { loadConfig } from '../../config/load-config.ts';
import { readTrustAnchors } from '../../services/provider-directory/read-trust-anchors.ts';
import { revocationProblem } from '../../services/revocation/revocation-checker.ts';
import { describeRevocation } from './describe-revocation.ts';
import { readInputFile } from './read-input-file.ts';
import { loadProviderIndex } from './load-provider-index.ts';
import { cliDataDir, cliEnvironment, refuse, type DataOption } from './mailbox-action.ts';
import {
  addRevocationOptions,
  cliRevocationChecker,
  type RevocationCliOptions,
} from './revocation-option.ts';

interface VerifyOptions extends RevocationCliOptions, DataOption {
  readonly index?: string;
}

interface VerifySources {
  readonly indexFile: string;
  readonly trustAnchorFiles: readonly string[];
}

/** The index to pin signers to: `--index`, else the data folder's, with its trust anchors. */
async function verifySources(options: VerifyOptions): Promise<VerifySources | undefined> {
  if (options.index !== undefined && options.data === undefined) {
    return { indexFile: options.index, trustAnchorFiles: [] };
  }
  const dataDir = cliDataDir(options);
  if (!existsSync(dataFolderLayout(dataDir).configFile)) {
    refuse(
      `no providers' index: give --index FILE, or --data DIR of a provider's data folder ` +
        `(there is none at ${dataDir})`,
    );
    return undefined;
  }
  const loaded = await loadConfig({ dataDir, env: cliEnvironment(), checkFiles: false });
  return {
    indexFile: options.index ?? loaded.config.index.file,
    trustAnchorFiles: loaded.config.index.trustAnchorFiles,
  };
}

export function registerVerify(program: Command): void {
  const command = program
    .command('verify')
    .description('Exit 0 only when FILE is validly signed by a provider listed in the index')
    .argument('<file>', 'the message (.eml) or signed file (.p7m) to verify')
    .option('--index <file>', "provider index: LDIF or signed .p7m (default: the data folder's)")
    .option(
      '--data <dir>',
      "a provider's data folder, for its index and trust anchors (default: PEC_DATA, else ./data)",
    );
  addRevocationOptions(command).action(async (file: string, options: VerifyOptions) => {
    const bytes = await readInputFile(file);
    if (bytes === undefined) return;
    const sources = await verifySources(options);
    if (sources === undefined) return;
    const index = await loadProviderIndex(sources.indexFile);
    const trustAnchors = await readTrustAnchors(sources.trustAnchorFiles);
    const revocation = cliRevocationChecker(options);
    const readOptions = {
      index,
      ...(trustAnchors.length === 0 ? {} : { trustAnchors }),
      ...(revocation === undefined ? {} : { revocation: revocation.check }),
    };
    // A .p7m is checked as the signed-data it is; its encapsulated message (if any) gives the From.
    const signed = await readSignedDataFile(bytes, readOptions);
    let d: PecMessageDescription | null;
    let s: SignatureReport;
    if (signed === undefined) {
      d = await readPecMessage(bytes, readOptions);
      s = d.signature;
    } else {
      d = signed.message;
      s = signed.signature;
    }
    const type = signed === undefined ? (d?.type ?? '?') : 'signed-data';
    const reasons: string[] = [];
    if (!s.present) reasons.push('no S/MIME signature');
    else if (!s.valid) reasons.push(`signature invalid: ${s.errors.join('; ') || 'unknown reason'}`);
    if (s.present && s.indexProvider === undefined) {
      reasons.push(
        `signer ${s.signer?.sha1 ?? '(unknown)'} is not a provider certificate in the index ${sources.indexFile}`,
      );
    }
    // pec-spec §8.4 step 4: revoked at signing time, or (strict) status unobtainable.
    const revocationFailure = revocation === undefined ? undefined : revocationProblem(s, revocation.policy);
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
    if (s.chainValid === false) {
      warnings.push(
        `the certificate does not chain to the trust anchors of ${sources.trustAnchorFiles.join(', ')}`,
      );
    }
    if (s.revocation?.status === 'unknown') {
      warnings.push(`revocation status unknown: ${s.revocation.detail ?? 'no answer'}`);
    }
    const email = s.signer?.email?.toLowerCase();
    const from = d?.from;
    if (from !== undefined && email !== from.toLowerCase()) {
      warnings.push(
        `From: ${from} differs from the certificate's e-mail ${email ?? '(none)'} (pec-spec §8.1)`,
      );
    }
    process.stdout.write(
      `VERIFIED: ${type} signed by ${s.indexProvider ?? ''} (${s.signer?.email ?? 'no e-mail'}, ` +
        `${s.digestAlgorithm ?? '?'}) at ${s.signingTime?.toISOString() ?? 'unknown time'}\n` +
        `  index:      ${sources.indexFile}\n` +
        (s.chainValid === true
          ? `  chain:      to a trust anchor of ${sources.trustAnchorFiles.join(', ')}\n`
          : '') +
        `  revocation: ${describeRevocation(s.revocation)}\n` +
        warnings.map((w) => `  warning: ${w}\n`).join(''),
    );
  });
}
