/**
 * The `notices` section: SMS notices of new PEC and the HTTP SMS gateway that sends them
 * (decision 0036). Without a gateway URL no SMS is offered.
 */
import { z } from 'zod';

export const noticesSchema = z
  .strictObject({
    smsPerDay: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(10)
      .describe(
        'SMS a box receives in one day (its time zone), verification codes included; beyond it no SMS is ' +
          'sent that day (the e-mail notices still tell).',
      ),
    smsGateway: z
      .strictObject({
        url: z
          .url()
          .describe('The gateway endpoint; `{{to}}` and `{{text}}` in it are replaced percent-encoded.'),
        method: z.enum(['POST', 'PUT', 'GET']).default('POST').describe('HTTP method of the request.'),
        authHeaderName: z
          .string()
          .min(1)
          .optional()
          .describe('Name of the one authorisation header, e.g. `Authorization`; absent: none.'),
        authHeaderValue: z
          .string()
          .optional()
          .describe(
            'Its value, e.g. `Bearer …` (a secret: keep the configuration file readable by the service only).',
          ),
        contentType: z
          .enum(['application/json', 'application/x-www-form-urlencoded'])
          .default('application/json')
          .describe('Content type of the body; `{{to}}` and `{{text}}` are escaped for it.'),
        bodyTemplate: z
          .string()
          .default('{"to":"{{to}}","text":"{{text}}"}')
          .describe('The request body with `{{to}}` and `{{text}}` placeholders; unused for GET.'),
        timeoutSeconds: z
          .number()
          .positive()
          .max(120)
          .default(10)
          .describe('Seconds the gateway has to answer before the attempt counts as failed.'),
      })
      .optional()
      .describe('The HTTP SMS gateway; absent: SMS notices are not offered.'),
  })
  .prefault({})
  .describe('Notices of new PEC: SMS and the SMS gateway.');

export type NoticesConfig = z.output<typeof noticesSchema>;
