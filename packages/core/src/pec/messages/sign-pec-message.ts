/**
 * Signs a generated PEC message with the provider key (pec-spec §3.0, §8.1): the multipart/mixed
 * content is signed byte-for-byte and wrapped as multipart/signed with `smime.p7s`, behind the
 * outer header fields. `signingTime` should be the message's time reference (pec-spec §6.2).
 */
import { signMimeEntity } from '../../smime/sign-mime-entity.ts';
import type { Signer } from '../../smime/signer.ts';
import type { UnsignedPecMessage } from './unsigned-pec-message.ts';

export function signPecMessage(
  message: UnsignedPecMessage,
  signer: Signer,
  signingTime: Date,
): Promise<Uint8Array> {
  return signMimeEntity({
    headerLines: message.headerLines,
    content: message.content,
    signer,
    signingTime,
    boundary: message.boundary,
  });
}
