/**
 * The shapes of the passkey routes (passkey-routes.ts): the WebAuthn ceremonies' options and the
 * browser's answers are the JSON of W3C WebAuthn Level 3 §5.1.8 and §5.1.10 (toJSON), which
 * @simplewebauthn/browser produces; only the members every answer has are required here, the
 * library checks the rest.
 */
import { z } from 'zod';

const base64url = z
  .string()
  .regex(/^[A-Za-z0-9_-]*$/)
  .max(4096);

export const passkeySchema = z
  .object({
    id: z.string().describe('Names the passkey in DELETE /api/v1/security/passkeys/{id}.'),
    name: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'Passkey' });

export const passkeyListSchema = z.object({ passkeys: z.array(passkeySchema) }).meta({ id: 'PasskeyList' });

export const passkeyParamsSchema = z.object({ id: z.coerce.number().int().positive() });

export const ceremonyOptionsSchema = z
  .looseObject({ challenge: z.string().describe('Single use, valid for five minutes.') })
  .describe('PublicKeyCredentialCreationOptionsJSON or PublicKeyCredentialRequestOptionsJSON.')
  .meta({ id: 'WebAuthnOptions' });

export const registrationResponseSchema = z
  .looseObject({
    id: base64url,
    rawId: base64url,
    type: z.literal('public-key'),
    clientExtensionResults: z.looseObject({}),
    response: z.looseObject({
      clientDataJSON: base64url,
      attestationObject: base64url,
      transports: z.array(z.string().max(20)).max(10).optional(),
    }),
  })
  .meta({ id: 'RegistrationResponse' });

export const authenticationResponseSchema = z
  .looseObject({
    id: base64url,
    rawId: base64url,
    type: z.literal('public-key'),
    clientExtensionResults: z.looseObject({}),
    response: z.looseObject({
      clientDataJSON: base64url,
      authenticatorData: base64url,
      signature: base64url,
      userHandle: base64url.optional(),
    }),
  })
  .meta({ id: 'AuthenticationResponse' });

export const newPasskeyRequestSchema = z
  .strictObject({
    name: z.string().min(1).max(60).describe('What it is: a device or password manager.'),
    credential: registrationResponseSchema,
  })
  .meta({ id: 'NewPasskeyRequest' });

export const passkeySignInRequestSchema = z
  .strictObject({
    credential: authenticationResponseSchema,
    staySignedIn: z
      .boolean()
      .default(false)
      .describe('For a passwordless sign-in; the second factor keeps the password step’s choice.'),
  })
  .meta({ id: 'PasskeySignInRequest' });
