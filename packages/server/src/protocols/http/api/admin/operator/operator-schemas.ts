/**
 * The shapes of the operator console's routes (decision 0022) as zod schemas: validated requests,
 * and answers published in the OpenAPI document. Times are ISO 8601 strings.
 */
import { z } from 'zod';
import { jobStatuses } from '../../../../../ports/queue-store.ts';
import { mailboxStatuses } from '../../../../../ports/account-store.ts';
import { quarantinePoints } from '../../../../../ports/quarantine-store.ts';

const isoTime = z.iso.datetime({ offset: true });
const counts = z.record(z.string(), z.number());

export const logSearchQuerySchema = z.strictObject({
  msgid: z.string().max(998).optional().describe('Identificativo or Message-ID, with or without <>.'),
  sender: z.string().max(320).optional(),
  recipient: z.string().max(320).optional(),
  since: isoTime.optional(),
  until: isoTime.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});

export const logEntrySchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    eventType: z.string(),
    msgid: z.string(),
    sender: z.string(),
    recipients: z.array(z.string()),
    subject: z.string().nullable(),
    relatedMsgids: z.array(z.string()),
    sendingProvider: z.string().nullable(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'LogEntry' });

export const logVerificationSchema = z
  .object({
    ok: z.boolean(),
    checked: z.number().int().describe('Entries whose hash was recomputed.'),
    firstBadSeq: z.number().int().nullable(),
    stampedDays: z.number().int().describe('Daily RFC 3161 tokens that verified.'),
    firstFailure: z.object({ day: z.string(), problem: z.string() }).nullable(),
  })
  .meta({ id: 'LogVerification' });

export const logExtractQuerySchema = z
  .strictObject({
    message: z.string().max(998).optional().describe('Identificativo or Message-ID.'),
    from: isoTime.optional(),
    to: isoTime.optional(),
    mailbox: z.string().max(320).optional(),
    format: z
      .enum(['json', 'pdf', 'p7m'])
      .default('json')
      .describe('json: the extract; pdf: for people, JSON and tokens attached; p7m: the PDF signed (CMS).'),
  })
  .refine((q) => (q.message === undefined) !== (q.from === undefined || q.to === undefined), {
    message: 'give either message, or from and to',
  });

export const queueQuerySchema = z.strictObject({
  status: z.enum(jobStatuses as unknown as [string, ...string[]]).optional(),
  all: z.enum(['true', 'false']).optional(),
  kind: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const queuedJobSchema = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    status: z.string(),
    runAt: z.string(),
    attempts: z.number().int(),
    reference: z.string().nullable(),
    recipients: z.array(z.string()),
    lastError: z.string().nullable(),
    outcome: z.string().nullable(),
    outcomeDetail: z.string().nullable(),
  })
  .meta({ id: 'QueuedJob' });

export const jobIdParamsSchema = z.strictObject({ id: z.coerce.number().int().min(1) });
export const queueActionParamsSchema = z.strictObject({
  id: z.coerce.number().int().min(1),
  action: z.enum(['retry', 'hold', 'release', 'delete']),
});

export const quarantineQuerySchema = z.strictObject({
  point: z.enum(quarantinePoints as unknown as [string, ...string[]]).optional(),
  address: z.string().max(320).optional(),
  since: isoTime.optional(),
  until: isoTime.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const quarantineRecordSchema = z
  .object({
    id: z.string(),
    sha256: z.string(),
    size: z.number().int(),
    detectedAt: z.string(),
    point: z.string(),
    signature: z.string(),
    sender: z.string(),
    recipients: z.array(z.string()),
    identifier: z.string().optional(),
    retainUntil: z.string(),
  })
  .meta({ id: 'QuarantineRecord' });

export const quarantineIdParamsSchema = z.strictObject({ id: z.string().min(1).max(200) });

export const healthSchema = z
  .object({
    generatedAt: z.string(),
    status: z.enum(['ok', 'warning']),
    warnings: z.array(z.string()),
    process: z.object({
      uptimeSeconds: z.number().nullable(),
      residentMemoryBytes: z.number().nullable(),
      heapUsedBytes: z.number().nullable(),
      eventLoopLagSeconds: z.number().nullable(),
    }),
    connectionsOpen: counts,
    connectionsRejected: z.number(),
    logins: counts,
    submissions: counts,
    receptions: counts,
    artefactsIssued: counts,
    relayAttempts: counts,
    jobsFailed: z.number(),
    queue: z.object({ byStatus: counts, oldestWaitingSeconds: z.number().nullable() }),
  })
  .meta({ id: 'HealthSummary' });

export const providersIndexSchema = z
  .object({
    ownEntry: z.string().describe("This provider's record, LDIF (pec-spec §7.2)."),
    providers: z.array(
      z.object({
        name: z.string(),
        mailReceipt: z.string(),
        domains: z.array(z.string()),
        certificates: z.number().int(),
        own: z.boolean(),
      }),
    ),
    file: z.string(),
    lastChangedAt: z.string().nullable(),
    refreshUrl: z.string().nullable(),
  })
  .meta({ id: 'ProvidersIndex' });

export const domainSchema = z
  .object({ name: z.string(), description: z.string().nullable(), createdAt: z.string() })
  .meta({ id: 'ProviderDomain' });
export const domainParamsSchema = z.strictObject({ domain: z.string().min(1).max(253) });
export const newDomainSchema = z.strictObject({
  name: z.string().min(1).max(253),
  description: z.string().max(200).optional(),
});
export const removeDomainQuerySchema = z.strictObject({ force: z.enum(['true', 'false']).optional() });
export const dnsRecordSchema = z
  .object({ name: z.string(), type: z.string(), value: z.string(), note: z.string() })
  .meta({ id: 'DnsRecord' });

export const postmasterSchema = z
  .object({
    email: z.string(),
    displayName: z.string(),
    domains: z.array(z.string()),
    lastSignInAt: z.string().nullable(),
    disabledAt: z.string().nullable().describe('Since when the operator has disabled it; null: enabled.'),
  })
  .meta({ id: 'Postmaster' });
export const postmasterDisabledSchema = z
  .strictObject({ disabled: z.boolean().describe('True disables the postmaster, false enables it again.') })
  .meta({ id: 'PostmasterDisabled' });
export const postmasterParamsSchema = z.strictObject({ email: z.string().min(3).max(320) });
export const newPostmasterSchema = z.strictObject({
  email: z.string().min(3).max(320),
  displayName: z.string().max(200).optional(),
  domains: z.array(z.string().min(1).max(253)).min(1).max(100),
});
export const domainAllowanceSchema = z
  .object({
    domain: z.string(),
    boxes: z.number().int().describe('Boxes on the domain now.'),
    boxAllowance: z.number().int().nullable().describe('Null: no limit.'),
    allowedPlans: z.array(z.string()).nullable().describe('The plans new boxes may have; null: every plan.'),
  })
  .meta({ id: 'DomainAllowance' });
export const domainAllowancePatchSchema = z.strictObject({
  boxAllowance: z.number().int().min(0).nullable().optional(),
  allowedPlans: z.array(z.string().min(1).max(64)).min(1).max(100).nullable().optional(),
});
export const postmasterDomainsSchema = z.strictObject({
  domains: z.array(z.string().min(1).max(253)).min(1).max(100),
});
export const passwordOnceSchema = z
  .object({ password: z.string().describe('Shown once: give it to the person over a safe channel.') })
  .meta({ id: 'PasswordOnce' });

export const planSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    boxQuotaBytes: z.number().int(),
    archiveQuotaBytes: z.number().int(),
    smsIncluded: z.boolean(),
    durationMonths: z.number().int(),
    priceCents: z.number().int(),
  })
  .meta({ id: 'Plan' });
export const newPlanSchema = z.strictObject({
  name: z.string().min(1).max(64),
  description: z.string().max(200).default(''),
  boxQuotaBytes: z.number().int().min(1),
  archiveQuotaBytes: z.number().int().min(0).default(0),
  smsIncluded: z.boolean().default(false),
  durationMonths: z.number().int().min(1).max(120),
  priceCents: z.number().int().min(0),
});
export const planPatchSchema = newPlanSchema.omit({ name: true }).partial().strict();
export const planParamsSchema = z.strictObject({ name: z.string().min(1).max(64) });

export const boxQuerySchema = z.strictObject({
  search: z.string().max(320).optional(),
  domain: z.string().max(253).optional(),
  status: z.enum(mailboxStatuses as unknown as [string, ...string[]]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const boxParamsSchema = z.strictObject({ address: z.string().min(3).max(320) });
export const boxSchema = z
  .object({
    address: z.string(),
    domain: z.string(),
    holderName: z.string(),
    holderTaxCode: z.string().nullable(),
    contactEmail: z.string().nullable(),
    mobile: z.string().nullable(),
    plan: z.string().nullable(),
    quotaBytes: z.number().int(),
    usedBytes: z.number().int(),
    status: z.string(),
    activatedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'OperatorBox' });
export const boxCardSchema = z
  .object({
    box: boxSchema,
    life: z
      .record(z.string(), z.unknown())
      .describe('Expiry, deactivation, deletion, extra space, auto-renewal.'),
    orders: z.array(z.record(z.string(), z.unknown())),
  })
  .meta({ id: 'OperatorBoxCard' });
export const boxStatusChangeSchema = z.strictObject({ status: z.enum(['active', 'suspended']) });
export const renewalSchema = z.strictObject({ years: z.number().int().min(1).max(10) });
export const spaceSchema = z.strictObject({ bytes: z.number().int().min(1) });
export const planChangeSchema = z.strictObject({ plan: z.string().min(1).max(64) });
