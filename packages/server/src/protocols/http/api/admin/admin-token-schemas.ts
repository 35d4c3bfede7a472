/** The shapes of the administrative API token routes (admin-token-routes.ts, decision 0042). */
import { z } from 'zod';
import { adminTokenMaxDays, adminTokenScopes } from '../../../../services/administration/admin-tokens.ts';

export const adminTokenSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    scopes: z.array(z.enum(adminTokenScopes)),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'AdminToken' });

export const adminTokenListSchema = z.object({
  tokens: z.array(adminTokenSchema),
  allowedScopes: z
    .array(z.enum(adminTokenScopes))
    .describe("The scopes the principal's role may give a new token."),
});

export const newAdminTokenSchema = z
  .strictObject({
    name: z.string().min(1).max(100).describe('A label: what the token is for.'),
    scopes: z
      .array(z.enum(adminTokenScopes))
      .min(1)
      .describe(
        'Within what the role may do: support and auditor admin:read only; admin:message-contents admin only.',
      ),
    expiresInDays: z
      .number()
      .int()
      .min(1)
      .max(adminTokenMaxDays)
      .describe('Days until the token stops working.'),
  })
  .meta({ id: 'NewAdminToken' });

export const createdAdminTokenSchema = z
  .object({
    token: adminTokenSchema,
    secret: z.string().describe('The token (`pecadm_…`), shown this once only.'),
  })
  .meta({ id: 'CreatedAdminToken' });

export const adminTokenParamsSchema = z.strictObject({ id: z.coerce.number().int().positive() });
