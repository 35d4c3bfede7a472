/**
 * The checks a provider's signing certificate must pass before it signs anything: its e-mail
 * address (SAN rfc822Name) is the service address `posta-certificata@<domain>` that every generated
 * message comes from (pec-spec §2.1, §8.1), and the private key belongs to it.
 */
import {
  createSoftwareSigner,
  describeCertificate,
  pemToDer,
  serviceAddress,
  type CertificateInfo,
} from '@pec/core';

export interface SigningMaterial {
  /** PEM; the first certificate is the signer's. */
  readonly certificate: string;
  /** PEM private key. */
  readonly privateKey: string;
}

/** Describes the certificate; throws an Error saying what is wrong otherwise. */
export async function checkSigningCertificate(
  material: SigningMaterial,
  domain: string,
): Promise<CertificateInfo> {
  let info: CertificateInfo;
  try {
    info = describeCertificate(pemToDer(material.certificate, 'CERTIFICATE'));
  } catch (error) {
    throw new Error('the signing certificate is not a PEM X.509 certificate', { cause: error });
  }
  const expected = serviceAddress({ name: '', domain });
  if (info.email?.toLowerCase() !== expected) {
    throw new Error(
      `the signing certificate is for ${info.email ?? 'no e-mail address'}, but generated messages come from ` +
        `${expected}: the two must be equal (pec-spec §8.1)`,
    );
  }
  // Throws when the key is not RSA or does not match the certificate.
  await createSoftwareSigner({ certificate: material.certificate, privateKey: material.privateKey });
  return info;
}
