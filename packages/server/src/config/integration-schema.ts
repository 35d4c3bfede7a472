/**
 * The `integration` section: API tokens' request rates and webhook deliveries (docs/api-integration.md).
 */
import { z } from 'zod';

export const integrationSchema = z
  .strictObject({
    tokenRequestsPerMinute: z
      .number()
      .positive()
      .max(100_000)
      .default(120)
      .describe('Sustained requests per minute one API token may make (token bucket, per node).'),
    tokenBurst: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(60)
      .describe('Requests one API token may make at once after a quiet spell (the size of its bucket).'),
    webhookRetryHours: z
      .number()
      .positive()
      .max(168)
      .default(24)
      .describe('Hours a webhook delivery is retried before it is marked failed (replayable by hand).'),
    webhookFirstRetrySeconds: z
      .number()
      .positive()
      .max(3600)
      .default(30)
      .describe('Seconds before the first retry of a failed webhook delivery; each next wait doubles.'),
    webhookMaxRetrySeconds: z
      .number()
      .positive()
      .max(86_400)
      .default(3600)
      .describe('Longest wait between two attempts of a webhook delivery.'),
    webhookTimeoutSeconds: z
      .number()
      .positive()
      .max(120)
      .default(15)
      .describe('Seconds an endpoint has to answer a webhook delivery before the attempt counts as failed.'),
    webhookPollSeconds: z
      .number()
      .positive()
      .max(600)
      .default(5)
      .describe(
        'Seconds between looks for due webhook deliveries when idle (new events wake the sender at once).',
      ),
  })
  .prefault({})
  .describe('API tokens and webhooks for integrators.');

export type IntegrationConfig = z.output<typeof integrationSchema>;
