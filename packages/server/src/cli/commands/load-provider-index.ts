/**
 * Loads a provider index file for the CLI: plain LDIF, or the signed `.p7m` of pec-spec §7.3
 * (DER, base64 or PEM), whose signature must verify.
 */
import { readFile } from 'node:fs/promises';
import { createProviderIndex, openSignedLdif, parseLdif, type ProviderIndex } from '@pec/core';

function isLdifText(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 256)).replace(/^\uFEFF/, '');
  return /^(#.*\r?\n|\s)*(version:|dn:)/i.test(head);
}

export async function loadProviderIndex(file: string): Promise<ProviderIndex> {
  const bytes = await readFile(file);
  const ldif = isLdifText(bytes) ? bytes.toString('utf8') : (await openSignedLdif(bytes)).ldif;
  return createProviderIndex(parseLdif(ldif));
}
