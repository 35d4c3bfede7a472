/**
 * Loads the local copy of the providers' index (pec-spec §7.3): plain LDIF, or the signed `.p7m`
 * the index distributes (DER, base64 or PEM), whose signature must verify.
 */
import { readFile } from 'node:fs/promises';
import { createProviderIndex, openSignedLdif, parseLdif, type ProviderIndex } from '@pec/core';

function isLdifText(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 256)).replace(/^\uFEFF|^ï»¿/, '');
  return /^(#.*\r?\n|\s)*(version:|dn:)/i.test(head);
}

/** The index in `file`; throws when it cannot be read or its signature does not verify. */
export async function readProviderIndex(file: string): Promise<ProviderIndex> {
  const bytes = await readFile(file);
  const ldif = isLdifText(bytes) ? bytes.toString('utf8') : (await openSignedLdif(bytes)).ldif;
  return createProviderIndex(parseLdif(ldif));
}
