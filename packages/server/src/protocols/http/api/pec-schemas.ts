/**
 * Shapes of the PEC routes (pec-routes.ts): the PEC details of a message, the receipts dossier of
 * a sent one. Dates are ISO 8601; folder ids are the API's strings; message kinds use the API's
 * vocabulary (`pecTypeSchema`).
 */
import { z } from 'zod';
import { pecTypeSchema } from './api-schemas.ts';

const nullableString = z.string().nullable();

export const messageLinkSchema = z
  .object({
    folderId: z.string(),
    uid: z.number().int(),
    pecType: pecTypeSchema,
    subject: z.string(),
    date: z.string(),
  })
  .meta({ id: 'MessageLink' });

export const signatureFactsSchema = z
  .object({
    present: z.boolean(),
    valid: z.boolean(),
    signer: nullableString.describe('Subject of the signer certificate.'),
    signerEmail: nullableString,
    provider: nullableString.describe("The provider as named in the providers' index (pec-spec §7.3)."),
    signingTime: nullableString,
    certificateValidAtSigningTime: z.boolean().nullable(),
    chainValid: z.boolean().nullable().describe('null: not checked (no trust anchors).'),
    revocation: z
      .object({
        status: z.string().describe('good, revoked or unknown at the signing time.'),
        source: z.string().describe('crl, ocsp or none.'),
        checkedAt: z.string().describe('When the source produced its answer (thisUpdate).'),
        revokedAt: nullableString.describe('The revocation time the source gives, if any.'),
        detail: nullableString.describe('The CRL or OCSP URL that answered, or why the status is unknown.'),
      })
      .nullable()
      .describe('null: not checked (no revocation source).'),
    digestAlgorithm: nullableString,
    errors: z.array(z.string()),
  })
  .meta({ id: 'SignatureFacts' });

export const daticertFactsSchema = z
  .object({
    type: nullableString,
    error: nullableString,
    sender: nullableString,
    recipients: z.array(z.object({ address: z.string(), kind: nullableString })),
    subject: nullableString,
    issuer: nullableString,
    day: nullableString,
    time: nullableString,
    zone: nullableString,
    identifier: nullableString,
    msgid: nullableString,
    receiptVariant: nullableString,
    delivery: nullableString,
    takenInCharge: z.array(z.string()),
    extendedError: nullableString,
    wellFormed: z.boolean(),
    problems: z.array(z.string()),
  })
  .meta({ id: 'DaticertFacts' });

export const pecDetailsSchema = z
  .object({
    kind: pecTypeSchema,
    receiptVariant: z.enum(['completa', 'breve', 'sintetica']).nullable(),
    virus: z.boolean(),
    signature: signatureFactsSchema,
    daticert: daticertFactsSchema.nullable(),
    identifier: nullableString.describe('The identificativo (pec-spec §6.1).'),
    sent: z
      .object({ identifier: z.string(), acceptedAt: z.string() })
      .nullable()
      .describe("The holder's copy of a PEC they sent: it has a receipts dossier."),
    proves: messageLinkSchema.nullable().describe('For a receipt or notice: the sent message it proves.'),
    errors: z.array(z.string()),
    checkedAt: z.string(),
  })
  .meta({ id: 'PecDetails' });

export const dossierStepSchema = z
  .object({
    step: z.enum([
      'accepted',
      'taken-in-charge',
      'timeout-12h',
      'delivered',
      'error',
      'timeout-24h',
      'virus',
    ]),
    at: z.string(),
    detail: nullableString,
    receipt: messageLinkSchema.nullable(),
  })
  .meta({ id: 'DossierStep' });

export const receiptsDossierSchema = z
  .object({
    identifier: z.string(),
    subject: nullableString,
    acceptedAt: z.string(),
    message: messageLinkSchema,
    recipients: z.array(
      z.object({
        address: z.string(),
        kind: z.enum(['certificato', 'esterno']),
        status: z.enum(['accepted', 'taken-in-charge', 'timeout-12h', 'delivered', 'error', 'timeout-24h']),
        steps: z.array(dossierStepSchema),
      }),
    ),
    receipts: z.array(messageLinkSchema),
    envelopeAvailable: z.boolean(),
  })
  .meta({ id: 'ReceiptsDossier' });
