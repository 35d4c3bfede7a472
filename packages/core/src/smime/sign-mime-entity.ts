/**
 * Signs a MIME entity with the provider key and wraps it as multipart/signed (pec-spec §3.0, §8.1).
 * The entity's bytes are signed and emitted verbatim: callers pass them already in canonical CRLF form.
 */
import { renderMultipartSigned } from './render-multipart-signed.ts';
import type { Signer } from './signer.ts';

export interface SignMimeEntityInput {
  /** Outer header fields, each ending in CRLF, without MIME-Version and Content-Type. */
  readonly headerLines: string;
  /** Exact bytes of the entity to sign, its own header fields included. */
  readonly content: Uint8Array;
  readonly signer: Signer;
  /** The transaction's time reference (pec-spec §6.2), written as the CMS signingTime. */
  readonly signingTime: Date;
  readonly boundary: string;
}

export async function signMimeEntity(input: SignMimeEntityInput): Promise<Uint8Array> {
  const signature = await input.signer.sign(input.content, input.signingTime);
  return renderMultipartSigned({
    headerLines: input.headerLines,
    content: input.content,
    signature,
    digestAlgorithm: input.signer.digestAlgorithm,
    boundary: input.boundary,
  });
}
