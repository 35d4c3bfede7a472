/**
 * The DER certificates of the PEM files named by `revocation.trustAnchorFiles`: the CAs PEC signer
 * certificates chain to (pec-spec §8.2). Read once at start-up, synchronously, by the composition
 * root; a file without a certificate is a start-up error, like any unreadable configured file.
 */
import { readFileSync } from 'node:fs';
import { pemBlocksToDer } from '@pec/core';

export function readPecTrustAnchors(files: readonly string[]): Uint8Array[] | undefined {
  if (files.length === 0) return undefined;
  return files.flatMap((file) => {
    const blocks = pemBlocksToDer(readFileSync(file, 'utf8'), 'CERTIFICATE');
    if (blocks.length === 0) throw new Error(`revocation.trustAnchorFiles: no certificate in ${file}`);
    return blocks;
  });
}
