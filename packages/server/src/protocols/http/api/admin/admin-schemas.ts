/**
 * The shapes of the administrative API's foundation (sessions, audit trail) as zod schemas,
 * validating requests and published in the OpenAPI document like api-schemas.ts.
 */
import { z } from 'zod';
import { adminRoles } from '../../../../ports/admin-store.ts';
import { auditOutcomes } from '../../../../ports/audit-trail.ts';

export const adminRoleSchema = z.enum(adminRoles as [string, ...string[]]).meta({ id: 'AdminRole' });

export const adminSignInRequestSchema = z
  .strictObject({
    email: z.string().min(3).max(320),
    password: z.string().min(1).max(1024),
  })
  .meta({ id: 'AdminSignInRequest' });

export const adminSecondFactorRequestSchema = z
  .strictObject({ code: z.string().min(6).max(10).describe('The six-digit TOTP code.') })
  .meta({ id: 'AdminSecondFactorRequest' });

export const adminSessionSchema = z
  .object({
    email: z.string(),
    displayName: z.string(),
    role: adminRoleSchema,
    domains: z
      .array(z.string())
      .describe("A postmaster's domains; empty for operators, who see every domain."),
    expiresAt: z.string().describe('When the session ends without activity.'),
  })
  .meta({ id: 'AdminSession' });

export const auditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string(),
    role: z.string(),
    action: z.string(),
    target: z.string().nullable(),
    domain: z.string().nullable(),
    outcome: z.enum(auditOutcomes as [string, ...string[]]),
    detail: z.string().nullable(),
    remoteAddress: z.string().nullable(),
    userAgent: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

export const auditPageSchema = z
  .object({
    entries: z.array(auditEntrySchema),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` for the next (older) page; null at the end.'),
  })
  .meta({ id: 'AuditPage' });

export const auditQuerySchema = z.strictObject({
  q: z.string().max(200).optional().describe('Text in the actor, action, target or detail.'),
  actor: z.string().max(320).optional(),
  action: z.string().max(100).optional(),
  domain: z.string().max(253).optional(),
  outcome: z.enum(auditOutcomes as [string, ...string[]]).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
