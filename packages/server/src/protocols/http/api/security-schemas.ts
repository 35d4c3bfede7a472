/**
 * The shapes of the holder's security routes (security-routes.ts) as zod schemas, validating
 * requests and published in the OpenAPI document like api-schemas.ts.
 */
import { z } from 'zod';

const code = z.string().min(6).max(20).describe('A six-digit TOTP code, or a recovery code (xxxxx-xxxxx).');

export const secondFactorRequestSchema = z.strictObject({ code }).meta({ id: 'SecondFactorRequest' });

export const secondFactorNeededSchema = z
  .object({ secondFactor: z.literal('totp').describe('The second step the sign-in needs.') })
  .meta({ id: 'SecondFactorNeeded' });

export const securityOverviewSchema = z
  .object({
    twoFactor: z.object({
      enabled: z.boolean(),
      enabledAt: z.string().nullable(),
      recoveryCodesLeft: z.number().int(),
    }),
  })
  .meta({ id: 'SecurityOverview' });

export const webSessionSchema = z
  .object({
    id: z.string().describe('Names the session in DELETE /api/v1/security/sessions/{id}.'),
    current: z.boolean().describe('The session making this request.'),
    staySignedIn: z.boolean(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
    userAgent: z.string().nullable(),
    device: z.string().nullable().describe('Browser and system read from the User-Agent.'),
    remoteAddress: z.string(),
  })
  .meta({ id: 'WebSessionSummary' });

export const webSessionListSchema = z
  .object({ sessions: z.array(webSessionSchema) })
  .meta({ id: 'WebSessionList' });

export const sessionIdParamsSchema = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) });

export const signedOutSchema = z.object({ signedOut: z.number().int() }).meta({ id: 'SignedOut' });

export const totpEnrolmentSchema = z
  .object({
    uri: z.string().describe('The otpauth URI for authenticator apps.'),
    secret: z.string().describe('The key in base32, for typing in by hand.'),
    qrCode: z.string().describe('The URI as a QR code: an SVG data URL.'),
  })
  .meta({ id: 'TotpEnrolment' });

export const recoveryCodesSchema = z
  .object({ recoveryCodes: z.array(z.string()).describe('Shown once; each works once.') })
  .meta({ id: 'RecoveryCodes' });

export const disableTwoFactorSchema = z
  .strictObject({ password: z.string().min(1).max(1024), code })
  .meta({ id: 'DisableTwoFactorRequest' });

export const appPasswordSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'AppPassword' });

export const appPasswordListSchema = z
  .object({ appPasswords: z.array(appPasswordSchema) })
  .meta({ id: 'AppPasswordList' });

export const newAppPasswordRequestSchema = z
  .strictObject({ name: z.string().min(1).max(60).describe('What it is for: a client or device.') })
  .meta({ id: 'NewAppPasswordRequest' });

export const newAppPasswordSchema = z
  .object({ appPassword: appPasswordSchema, password: z.string().describe('Shown once.') })
  .meta({ id: 'NewAppPassword' });

export const appPasswordParamsSchema = z.object({ id: z.coerce.number().int().positive() });

export const passwordChangeRequestSchema = z
  .strictObject({
    currentPassword: z.string().min(1).max(1024),
    newPassword: z.string().min(1).max(1024),
    signOutAppPasswords: z.boolean().default(false).describe('Revoke every app password too.'),
  })
  .meta({ id: 'PasswordChangeRequest' });

export const passwordChangedSchema = z
  .object({ signedOutSessions: z.number().int(), appPasswordsRevoked: z.number().int() })
  .meta({ id: 'PasswordChanged' });

export const accessHistoryQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const accessEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    protocol: z.enum(['smtp', 'imap', 'pop3', 'http']),
    remoteAddress: z.string(),
    clientId: z.string().nullable().describe('The User-Agent or the IMAP client ID, as given.'),
    device: z.string().nullable(),
    outcome: z.enum(['success', 'failure', 'throttled', 'disabled']),
    newOrigin: z.boolean().describe('A sign-in from a network or device not seen before.'),
    networkRefused: z
      .boolean()
      .describe('Refused although the credentials were right: the network is not on the allow-list.'),
  })
  .meta({ id: 'AccessEntry' });

export const accessHistorySchema = z
  .object({ entries: z.array(accessEntrySchema), total: z.number().int() })
  .meta({ id: 'AccessHistory' });
