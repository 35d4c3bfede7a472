/** The DER certificates of the PEM files named by `index.trustAnchorFiles` (pec-spec §7.3). */
import { readFile } from 'node:fs/promises';
import { pemBlocksToDer } from '@pec/core';

export async function readTrustAnchors(files: readonly string[]): Promise<Uint8Array[]> {
  const texts = await Promise.all(files.map((file) => readFile(file, 'utf8')));
  return texts.flatMap((text, i) => {
    const blocks = pemBlocksToDer(text, 'CERTIFICATE');
    if (blocks.length === 0) throw new Error(`no certificate in ${files[i] ?? ''}`);
    return blocks;
  });
}
