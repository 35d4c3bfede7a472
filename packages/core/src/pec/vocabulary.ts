/**
 * Every PEC wire string, once (pec-spec §3.10, §4.1, §6.1, §7.2).
 * Header names are written as the rules spell them; compare them case-insensitively when reading.
 * Nothing else in the code base may spell these values out.
 */

/** Header field names (pec-spec §3.1–§3.9, RFC 6109 §8.1). */
export const pecHeaders = {
  transport: 'X-Trasporto',
  receipt: 'X-Ricevuta',
  referenceMessageId: 'X-Riferimento-Message-ID',
  receiptType: 'X-TipoRicevuta',
  securityCheck: 'X-VerificaSicurezza',
  originalSender: 'X-Mittente',
} as const;

/** Values of `X-Trasporto` (pec-spec §3.1, §3.9). */
export const transportValues = {
  certified: 'posta-certificata',
  anomaly: 'errore',
} as const;

/** Value of `X-VerificaSicurezza` on virus notices (pec-spec §3.3, §3.8). */
export const securityCheckError = 'errore';

/** daticert `tipo` values, which are also the `X-Ricevuta` values of receipts and notices (pec-spec §4.1). */
export const daticertTypes = [
  'accettazione',
  'non-accettazione',
  'presa-in-carico',
  'avvenuta-consegna',
  'posta-certificata',
  'errore-consegna',
  'preavviso-errore-consegna',
  'rilevazione-virus',
] as const;
export type DaticertType = (typeof daticertTypes)[number];

/** `X-Ricevuta` values: every daticert type except the transport envelope's. */
export type ReceiptHeaderValue = Exclude<DaticertType, 'posta-certificata'>;

/** daticert `errore` values (pec-spec §4.1). `nessuno` is the default. */
export const daticertErrors = ['nessuno', 'no-dest', 'no-dominio', 'virus', 'altro'] as const;
export type DaticertError = (typeof daticertErrors)[number];

/** daticert.xml element names (pec-spec §4.1), keyed by the `Daticert` field they carry. */
export const daticertElements = {
  root: 'postacert',
  header: 'intestazione',
  sender: 'mittente',
  recipient: 'destinatari',
  replyTo: 'risposte',
  subject: 'oggetto',
  data: 'dati',
  issuer: 'gestore-emittente',
  date: 'data',
  day: 'giorno',
  time: 'ora',
  identifier: 'identificativo',
  msgid: 'msgid',
  receipt: 'ricevuta',
  delivery: 'consegna',
  takenInCharge: 'ricezione',
  extendedError: 'errore-esteso',
} as const;

/** daticert.xml attribute names (pec-spec §4.1). */
export const daticertAttributes = {
  type: 'tipo',
  error: 'errore',
  zone: 'zona',
} as const;

/** Delivery-receipt variants requested by `X-TipoRicevuta` (pec-spec §3.5). */
export const receiptVariants = ['completa', 'breve', 'sintetica'] as const;
export type ReceiptVariant = (typeof receiptVariants)[number];
export const defaultReceiptVariant: ReceiptVariant = 'completa';

/** `destinatari tipo` values (pec-spec §4.1, §7.3): PEC recipient or ordinary Internet recipient. */
export const recipientKinds = ['certificato', 'esterno'] as const;
export type RecipientKind = (typeof recipientKinds)[number];

/** Subject prefixes, each followed by the original subject (pec-spec §3.10). */
export const subjectPrefixes = {
  transportEnvelope: 'POSTA CERTIFICATA: ',
  anomalyEnvelope: 'ANOMALIA MESSAGGIO: ',
  acceptance: 'ACCETTAZIONE: ',
  nonAcceptance: 'AVVISO DI NON ACCETTAZIONE: ',
  nonAcceptanceVirus: 'AVVISO DI NON ACCETTAZIONE PER VIRUS: ',
  takeCharge: 'PRESA IN CARICO: ',
  delivery: 'CONSEGNA: ',
  deliveryError: 'AVVISO DI MANCATA CONSEGNA: ',
  deliveryErrorVirus: 'AVVISO DI MANCATA CONSEGNA PER VIRUS: ',
  timeout: 'AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO: ',
  virusDetection: 'PROBLEMA DI SICUREZZA: ',
} as const;

/** Attachment file names (pec-spec §1.4, §3.0): `daticert.xml`, not RFC 6109's `certdata.xml`. */
export const pecFileNames = {
  daticert: 'daticert.xml',
  original: 'postacert.eml',
  signature: 'smime.p7s',
  /** Suffix of the parts that replace attachments in a breve delivery receipt (pec-spec §3.5). */
  hashSuffix: '.hash',
} as const;

/** The local part of the provider's service address used in `From:` (pec-spec §1.4, §8.1). */
export const serviceLocalPart = 'posta-certificata';

/** Display-name prefix of envelopes' `From:` (pec-spec §1.4): `"Per conto di: <sender>"`. */
export const onBehalfOfPrefix = 'Per conto di: ';

/** S/MIME media types (pec-spec §3.0, §8.2). We emit the first; both are accepted. */
export const smimeTypes = {
  signature: 'application/pkcs7-signature',
  legacySignature: 'application/x-pkcs7-signature',
  enveloped: 'application/pkcs7-mime',
  legacyEnveloped: 'application/x-pkcs7-mime',
  /** RFC 5751 §3.4.3: the outer type of every signed PEC message. */
  multipartSigned: 'multipart/signed',
} as const;

/** Enhanced status text conventions in `errore-esteso` (pec-spec §3.6, §3.7). */
export const extendedErrorCodes = {
  /** Recipient mailbox does not exist (Aruba/Namirial convention). */
  noSuchMailbox: '5.1.1',
  /** Unknown domain. */
  noSuchDomain: '5.1.2',
  /** Final 24 h timeout notice: marks it as definitive (pec-spec §3.7). */
  finalTimeout: '5.4.1',
  /** First (12 h) timeout notice: delivery may still happen; our choice, the real code is unconfirmed. */
  firstTimeout: '4.4.7',
  /** Virus found. */
  virus: '5.7.1',
  /** Formal error at the access point. */
  formalError: '5.6.0',
  /** Mailbox full or unavailable. */
  mailboxUnavailable: '5.2.2',
  /** Mailbox disabled: suspended, or expired past its grace period (RFC 3463 X.2.1). */
  mailboxDisabled: '5.2.1',
} as const;

/** Provider-index LDAP vocabulary (pec-spec §7.2). */
export const indexVocabulary = {
  base: 'o=postacert',
  providerClass: 'provider',
  attributes: {
    providerName: 'providerName',
    providerCertificateHash: 'providerCertificateHash',
    providerCertificate: 'providerCertificate',
    mailReceipt: 'mailReceipt',
    managedDomains: 'managedDomains',
    description: 'description',
    ldifLocationUrl: 'LDIFLocationURL',
    providerUnit: 'providerUnit',
  },
} as const;

/** What the reader calls a message that is not PEC, and an anomaly envelope (`pec inspect` types). */
export const readerTypes = {
  ordinary: 'ordinaria',
  anomaly: 'anomalia',
} as const;
export type MessageKind = DaticertType | (typeof readerTypes)[keyof typeof readerTypes];
