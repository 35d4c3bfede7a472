/**
 * The shapes of scheduled send (scheduled-routes.ts, decision 0024): the immediate send's body plus
 * the due time and the zone it was chosen in, and the holder's list.
 */
import { z } from 'zod';
import { outgoingFieldsSchema } from './outgoing-schemas.ts';

export const scheduleRequestSchema = outgoingFieldsSchema
  .extend({
    sendAt: z.iso
      .datetime({ offset: true })
      .describe('When to send (RFC 3339); at most a minute past (sent at once) and at most a year ahead.'),
    timeZone: z
      .string()
      .min(1)
      .max(64)
      .default('Europe/Rome')
      .describe('The IANA time zone the holder chose the time in, to show it back in.'),
    draftUid: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('The draft this message was written in: replaced by the scheduled copy.'),
  })
  .meta({ id: 'ScheduleRequest' });

export const scheduledStatusSchema = z
  .enum(['scheduled', 'sending', 'sent', 'not-accepted', 'refused', 'draft-missing', 'failed'])
  .describe(
    'scheduled: waiting; sending: being sent; sent: accepted (identifier); not-accepted: a ' +
      'non-acceptance notice is in INBOX; refused: refused at the due time (reason); draft-missing: ' +
      'the draft was deleted, nothing sent; failed: gave up. Except after sent, the message is in Drafts.',
  );

export const scheduledSendSchema = z
  .object({
    id: z.string(),
    to: z.array(z.string()),
    cc: z.array(z.string()),
    subject: z.string(),
    sendAt: z.string().describe('RFC 3339, UTC.'),
    timeZone: z.string(),
    draftUid: z.number().int(),
    status: scheduledStatusSchema,
    reason: z.string().nullable().describe('The refusal reason (docs/refusals.md) when not sent.'),
    identifier: z.string().nullable().describe('The identificativo once sent or not accepted.'),
  })
  .meta({ id: 'ScheduledSend' });

export const scheduledListSchema = z
  .object({ scheduled: z.array(scheduledSendSchema) })
  .meta({ id: 'ScheduledSendList' });

export const scheduledParamsSchema = z.object({ id: z.string().regex(/^[1-9][0-9]{0,15}$/, 'a job id') });
