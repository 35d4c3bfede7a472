/**
 * The shapes of the postmaster panel's routes (panel-routes.ts) as zod schemas, validating
 * requests and published in the OpenAPI document like api-schemas.ts.
 */
import { z } from 'zod';
import { mailboxStatuses, ordinaryMailPolicies } from '../../../../ports/account-store.ts';

const statusSchema = z.enum(mailboxStatuses as [string, ...string[]]);
const policySchema = z.enum(ordinaryMailPolicies as [string, ...string[]]);

export const domainParamsSchema = z.strictObject({ domain: z.string().min(1).max(253) });
export const boxParamsSchema = z.strictObject({ address: z.string().min(3).max(320) });

const domainAntispamSchema = z
  .strictObject({
    enabled: z.boolean(),
    threshold: z.number().min(0).max(100).describe('rspamd score from which a message is spam.'),
    action: z.enum(['spam-folder', 'refuse']).describe('For ordinary mail; a signed PEC is never refused.'),
  })
  .meta({ id: 'DomainAntispam' });

export const administeredDomainSchema = z
  .object({
    name: z.string(),
    boxes: z.number().int(),
    boxAllowance: z.number().int().nullable().describe('Null: no limit.'),
    allowedPlans: z.array(z.string()).nullable().describe('The plans new boxes may have; null: every plan.'),
    ordinaryMailPolicy: policySchema.describe('What new boxes do with ordinary (non-PEC) mail.'),
    antispam: domainAntispamSchema.describe('Antispam of boxes whose holder never saved their own.'),
    antispamSet: z.boolean().describe('False: the provider’s antispam defaults, the domain set none.'),
  })
  .meta({ id: 'AdministeredDomain' });

export const domainListSchema = z
  .object({ domains: z.array(administeredDomainSchema) })
  .meta({ id: 'DomainList' });

export const boxSummarySchema = z
  .object({
    address: z.string(),
    holderName: z.string(),
    status: statusSchema,
    plan: z.string().nullable(),
    quotaBytes: z.number().int(),
    usedBytes: z.number().int(),
    expiresAt: z.string().nullable(),
    lastLoginAt: z.string().nullable(),
  })
  .meta({ id: 'BoxSummary' });

export const boxPageSchema = z
  .object({ boxes: z.array(boxSummarySchema), total: z.number().int() })
  .meta({ id: 'BoxPage' });

export const boxSearchQuerySchema = z.strictObject({
  q: z.string().max(200).optional().describe('Text in the address or the holder name.'),
  status: statusSchema.optional(),
  minUsage: z.coerce
    .number()
    .min(0)
    .max(100)
    .optional()
    .describe('Only boxes using at least this percent of their quota.'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const boxCardSchema = boxSummarySchema
  .extend({
    domain: z.string(),
    holderTaxCode: z.string().nullable(),
    contactEmail: z.string().nullable(),
    mobile: z.string().nullable(),
    activatedAt: z.string().nullable(),
    createdAt: z.string(),
    ordinaryMailPolicy: policySchema,
    accessHistory: z.array(
      z.object({
        at: z.string(),
        protocol: z.string(),
        outcome: z.string(),
        remoteAddress: z.string(),
        device: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'BoxCard' });

export const passwordRequestSchema = z
  .strictObject({
    password: z.string().min(8).max(1024).optional().describe('Absent: a random password is made.'),
  })
  .meta({ id: 'BoxPasswordRequest' });

export const passwordAnswerSchema = z
  .object({ password: z.string().describe('The new password, shown once.'), notified: z.boolean() })
  .meta({ id: 'BoxPasswordAnswer' });

export const newBoxSchema = z
  .strictObject({
    address: z.string().min(3).max(320),
    holderName: z.string().min(1).max(200),
    taxCode: z.string().max(32).optional(),
    contactEmail: z.string().max(320).optional(),
    mobile: z.string().max(32).optional(),
    plan: z.string().max(64).optional(),
    password: z.string().min(8).max(1024).optional(),
  })
  .meta({ id: 'NewBox' });

export const createdBoxSchema = z
  .object({ box: boxCardSchema, password: z.string().describe('Shown once.') })
  .meta({ id: 'CreatedBox' });

export const suspensionSchema = z.strictObject({ suspended: z.boolean() }).meta({ id: 'BoxSuspension' });

export const domainDefaultsSchema = z
  .strictObject({
    ordinaryMailPolicy: z.enum(['reject', 'accept']).optional(),
    antispam: domainAntispamSchema.optional(),
  })
  .meta({ id: 'DomainDefaults' });

export const importQuerySchema = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .describe('true: check every row and report, create nothing.'),
});

export const importRequestSchema = z
  .strictObject({
    csv: z
      .string()
      .max(4 * 1024 * 1024)
      .describe(
        'The CSV file: a header line naming address, holder name, tax code, contact e-mail, mobile, plan.',
      ),
  })
  .meta({ id: 'BoxImportRequest' });

export const importReportSchema = z
  .object({
    dryRun: z.boolean(),
    domain: z.string(),
    rows: z.number().int(),
    valid: z.number().int(),
    bad: z.array(
      z.object({
        line: z.number().int(),
        address: z.string(),
        problems: z.array(z.object({ code: z.string(), message: z.string() })),
      }),
    ),
    created: z.array(z.object({ line: z.number().int(), address: z.string(), password: z.string() })),
  })
  .meta({ id: 'BoxImportReport' });
