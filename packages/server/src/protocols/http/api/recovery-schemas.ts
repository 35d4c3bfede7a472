/**
 * The shapes of the password recovery routes (recovery-routes.ts) as zod schemas, validating
 * requests and published in the OpenAPI document like api-schemas.ts.
 */
import { z } from 'zod';

const token = z.string().min(1).max(200).describe('The token of the link sent to the contact e-mail.');

export const recoveryRequestSchema = z
  .strictObject({
    address: z.string().min(3).max(320).describe('The PEC address of the box.'),
    taxCode: z.string().min(1).max(40).describe('Codice fiscale or partita IVA of the holder.'),
  })
  .meta({ id: 'RecoveryRequest' });

export const recoveryCheckSchema = z.strictObject({ token }).meta({ id: 'RecoveryCheck' });

export const recoveryResetSchema = z
  .strictObject({
    token,
    newPassword: z.string().min(1).max(4096).describe('The new password, under the same rules as a change.'),
  })
  .meta({ id: 'RecoveryReset' });

export const recoveryValidSchema = z
  .object({ valid: z.literal(true).describe('The link can still be used.') })
  .meta({ id: 'RecoveryLinkValid' });

export const recoveryDoneSchema = z
  .object({ address: z.string().describe('The box whose password was reset: the holder signs in with it.') })
  .meta({ id: 'RecoveryDone' });
