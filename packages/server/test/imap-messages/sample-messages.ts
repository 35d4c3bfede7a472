/**
 * Synthetic messages for the IMAP message-command tests (CRLF, as SMTP delivers them): the RFC 3501
 * §7.4.2 example, a nested multipart with an attached message, small messages for SEARCH / SORT /
 * THREAD, and a signed PEC transport envelope built with @pec/core and a development PKI.
 */
import {
  buildTransportEnvelope,
  createDevelopmentPki,
  createSoftwareSigner,
  deriveOriginalFacts,
  signPecMessage,
} from '@pec/core';

export const crlf = (lines: readonly string[]): Uint8Array => Buffer.from(lines.join('\r\n'), 'utf8');

/** RFC 3501 §7.4.2: the header of the example and a body of 3028 bytes in 92 lines. */
export function rfc3501Message(): Uint8Array {
  const body: string[] = [];
  for (let i = 0; i < 92; i++) body.push((i < 84 ? 'x'.repeat(31) : 'y'.repeat(30)) + '\r\n');
  const header = [
    'Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)',
    'From: Terry Gray <gray@cac.washington.edu>',
    'Subject: IMAP4rev1 WG mtg summary and minutes',
    'To: imap@cac.washington.edu',
    'cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>',
    'Message-Id: <B27397-0100000@cac.washington.edu>',
    'MIME-Version: 1.0',
    'Content-Type: TEXT/PLAIN; CHARSET=US-ASCII',
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(header, 'latin1'), Buffer.from(body.join(''), 'latin1')]);
}

/**
 * multipart/mixed: 1 alternative (1.1 text/plain QP, 1.2 text/html), 2 a base64 attachment,
 * 3 message/rfc822 whose body is multipart/mixed (3.1 text/plain latin-1, 3.2 application/xml).
 */
export function nestedMessage(): Uint8Array {
  return crlf([
    'From: =?UTF-8?Q?Niccol=C3=B2_Bianchi?= <niccolo@pec.example.org>',
    'To: Ufficio <ufficio@pec.example.it>, "Rossi, Mario" <mario@pec.example.it>',
    'Cc: undisclosed-recipients:;',
    'Subject: =?UTF-8?Q?Fattura_n=C2=B0_17?=',
    'Date: Tue, 05 Nov 2024 23:30:00 -0500',
    'Message-ID: <nested.1@pec.example.org>',
    'X-Riferimento-Message-ID: <ref.1@pec.example.org>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    'preamble',
    '--outer',
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    '--alt',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Buongiorno, la fattura =C3=A8 allegata. Perch=C3=A9 no?',
    'Parola chiave: zibibbo',
    '',
    '--alt',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Buongiorno</p>',
    '',
    '--alt--',
    '',
    '--outer',
    'Content-Type: application/pdf; name="fattura.pdf"',
    'Content-Disposition: attachment; filename="fattura.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('%PDF-1.4 segreto-nel-pdf\n').toString('base64'),
    '--outer',
    'Content-Type: message/rfc822; name="postacert.eml"',
    'Content-Disposition: inline; filename="postacert.eml"',
    '',
    'From: Anna Verdi <anna@example.com>',
    'To: ufficio@pec.example.it',
    'Subject: Messaggio originale',
    'Date: Mon, 04 Nov 2024 10:00:00 +0100',
    'Message-ID: <orig.1@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="inner"',
    '',
    '--inner',
    'Content-Type: text/plain; charset=iso-8859-1',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Testo con accento: citt=E0 di Torino',
    '',
    '--inner',
    'Content-Type: application/xml; name="daticert.xml"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('<postacert><identificativo>opec-xyz-42</identificativo></postacert>').toString('base64'),
    '--inner--',
    '',
    '--outer--',
    '',
  ]);
}

export interface SimpleMessage {
  readonly from?: string;
  readonly to?: string;
  readonly cc?: string;
  readonly subject?: string;
  readonly date?: string;
  readonly messageId?: string;
  readonly inReplyTo?: string;
  readonly references?: string;
  readonly body?: string;
}

/** A small text/plain message; absent fields are left out. */
export function simpleMessage(fields: SimpleMessage): Uint8Array {
  const header: string[] = [];
  if (fields.from !== undefined) header.push(`From: ${fields.from}`);
  if (fields.to !== undefined) header.push(`To: ${fields.to}`);
  if (fields.cc !== undefined) header.push(`Cc: ${fields.cc}`);
  if (fields.subject !== undefined) header.push(`Subject: ${fields.subject}`);
  if (fields.date !== undefined) header.push(`Date: ${fields.date}`);
  if (fields.messageId !== undefined) header.push(`Message-ID: ${fields.messageId}`);
  if (fields.inReplyTo !== undefined) header.push(`In-Reply-To: ${fields.inReplyTo}`);
  if (fields.references !== undefined) header.push(`References: ${fields.references}`);
  header.push('MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8');
  return crlf([...header, '', fields.body ?? 'body', '']);
}

export interface SignedPecFixture {
  readonly bytes: Uint8Array;
  /** PEM of the development CA, for `openssl smime -verify -CAfile`. */
  readonly caCertificate: string;
  readonly tlsCertificate: string;
  readonly tlsPrivateKey: string;
  readonly signedAt: Date;
}

/** A transport envelope (busta di trasporto) carrying `nestedMessage`'s sibling, signed. */
export async function signedPecEnvelope(): Promise<SignedPecFixture> {
  const signedAt = new Date('2025-11-13T15:39:26Z');
  const provider = { name: 'Example PEC S.p.A.', domain: 'pec.example.it' };
  const pki = await createDevelopmentPki({
    domain: provider.domain,
    providerName: provider.name,
    now: signedAt,
  });
  const signer = await createSoftwareSigner({
    certificate: pki.signingCertificate,
    privateKey: pki.signingPrivateKey,
  });
  const original = crlf([
    'From: Mario Rossi <mario.rossi@pec.example.it>',
    'To: Ufficio Protocollo <ufficio@pec.example.org>',
    'Subject: =?UTF-8?Q?Contratto_2025/17_=E2=80=93_perch=C3=A9_no?=',
    'Date: Thu, 13 Nov 2025 16:39:20 +0100',
    'Message-ID: <abc123.4567@client.example>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="orig-b1"',
    '',
    '--orig-b1',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'In allegato il contratto firmato: parola segreta mandragola.',
    '',
    '--orig-b1',
    'Content-Type: application/pdf; name="contratto.pdf"',
    'Content-Disposition: attachment; filename="contratto.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('%PDF-1.4 synthetic\n'.repeat(4)).toString('base64'),
    '--orig-b1--',
    '',
  ]);
  const facts = deriveOriginalFacts(original, () => 'certificato');
  const envelope = buildTransportEnvelope({
    provider,
    acceptedAt: signedAt,
    identifier: 'opec1.20251113163926.1838.310.1.63@pec.example.it',
    original,
    facts,
  });
  return {
    bytes: await signPecMessage(envelope, signer, signedAt),
    caCertificate: pki.caCertificate,
    tlsCertificate: pki.tlsCertificate,
    tlsPrivateKey: pki.tlsPrivateKey,
    signedAt,
  };
}
