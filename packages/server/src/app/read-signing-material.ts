/**
 * Reads the signing credentials `pec init` is given: a PEM certificate (optionally followed by its
 * intermediates) with a PEM private key, or a PKCS#12 file with its password. The first certificate
 * is the signer's; the rest become the chain embedded in every signature (pec-spec §8.2).
 */
import { readFile } from 'node:fs/promises';
import { derToPem, pemBlocksToDer } from '@pec/core';
import { readPkcs12 } from './read-pkcs12.ts';

export type SigningSource =
  | { readonly kind: 'pem'; readonly certFile: string; readonly keyFile: string }
  | { readonly kind: 'pkcs12'; readonly file: string; readonly password: string };

export interface ImportedSigningMaterial {
  /** PEM of the signer's certificate only. */
  readonly certificate: string;
  /** PEM private key. */
  readonly privateKey: string;
  /** PEM intermediates, possibly empty. */
  readonly chain: readonly string[];
}

export async function readSigningMaterial(source: SigningSource): Promise<ImportedSigningMaterial> {
  if (source.kind === 'pkcs12') return readPkcs12(await readFile(source.file), source.password);
  const [certificateText, privateKey] = await Promise.all([
    readFile(source.certFile, 'utf8'),
    readFile(source.keyFile, 'utf8'),
  ]);
  const [leaf, ...chain] = pemBlocksToDer(certificateText, 'CERTIFICATE');
  if (leaf === undefined) throw new Error(`${source.certFile} holds no PEM certificate`);
  if (!/-----BEGIN (?:RSA |ENCRYPTED )?PRIVATE KEY-----/.test(privateKey)) {
    throw new Error(`${source.keyFile} holds no PEM private key`);
  }
  if (privateKey.includes('ENCRYPTED PRIVATE KEY')) {
    throw new Error(`${source.keyFile} is encrypted; give the key unencrypted (it is stored with mode 0600)`);
  }
  return {
    certificate: derToPem(leaf, 'CERTIFICATE'),
    privateKey,
    chain: chain.map((der) => derToPem(der, 'CERTIFICATE')),
  };
}
