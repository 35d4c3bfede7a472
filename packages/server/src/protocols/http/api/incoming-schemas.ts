/**
 * The zod schemas of the incoming-mail settings routes (decision 0026): ordinary mail and sender
 * lists, antispam, rules. The same shapes the service takes; limits from ports/incoming-rule.ts.
 */
import { z } from 'zod';
import { ordinaryMailPolicies } from '../../../ports/account-store.ts';
import { pecCategories, ruleLimits } from '../../../ports/incoming-rule.ts';

const text = z.string().min(1).max(ruleLimits.text);

export const senderEntrySchema = z
  .object({ id: z.number().int(), list: z.enum(['allow', 'block']), value: z.string() })
  .meta({ id: 'SenderListEntry' });

export const ordinaryMailSchema = z
  .object({
    policy: z.enum(ordinaryMailPolicies),
    forwardAddress: z.string().nullable(),
    folder: z.string(),
    allow: z.array(senderEntrySchema),
    block: z.array(senderEntrySchema),
  })
  .meta({ id: 'OrdinaryMailSettings' });

export const ordinaryMailChangeSchema = z.object({
  policy: z.enum(ordinaryMailPolicies),
  forwardAddress: z.string().max(254).nullable().optional(),
  folder: z.string().min(1).max(255).optional(),
});

export const senderAddSchema = z.object({
  list: z.enum(['allow', 'block']),
  value: z.string().min(1).max(254).describe('An address (name@example.com) or a domain (example.com).'),
});

export const antispamSchema = z
  .object({
    enabled: z.boolean(),
    threshold: z.number().min(0).max(100).describe('rspamd score from which a message is spam.'),
    action: z.enum(['spam-folder', 'refuse']).describe('For ordinary mail; a signed PEC is never refused.'),
    pecToSpamFolder: z
      .boolean()
      .describe('File a signed PEC scored as spam in Spam (it is labelled anyway).'),
  })
  .meta({ id: 'AntispamSettings' });

export const antispamStateSchema = antispamSchema
  .extend({
    filterActive: z
      .boolean()
      .describe(
        'This provider scores mail (antispam.rspamd.url is set); otherwise the choices are only kept.',
      ),
  })
  .meta({ id: 'AntispamState' });

const conditionSchema = z.discriminatedUnion('field', [
  z.object({
    field: z.enum(['sender', 'recipient', 'subject']),
    op: z.enum(['contains', 'equals']),
    value: text,
  }),
  z.object({ field: z.literal('pec-type'), value: z.enum(pecCategories) }),
  z.object({ field: z.literal('has-attachments'), value: z.boolean() }),
  z.object({ field: z.literal('size'), op: z.enum(['over', 'under']), value: z.number().int().min(0) }),
]);

const actionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('move'), folder: z.string().min(1).max(255) }),
  z.object({ kind: z.literal('forward'), to: z.string().min(3).max(254) }),
  z.object({ kind: z.literal('mark-read') }),
  z.object({ kind: z.literal('flag') }),
  z.object({ kind: z.literal('stop') }),
]);

export const ruleDefinitionSchema = z
  .object({
    name: text,
    enabled: z.boolean().default(true),
    match: z.enum(['all', 'any']).default('all'),
    conditions: z.array(conditionSchema).max(ruleLimits.conditions),
    actions: z.array(actionSchema).min(1).max(ruleLimits.actions),
  })
  .meta({ id: 'RuleDefinition' });

export const ruleSchema = ruleDefinitionSchema
  .extend({ id: z.number().int(), position: z.number().int() })
  .meta({ id: 'IncomingRule' });

export const ruleOrderSchema = z.object({ ids: z.array(z.number().int().positive()).max(ruleLimits.rules) });
export const idParamSchema = z.object({ id: z.coerce.number().int().positive() });
