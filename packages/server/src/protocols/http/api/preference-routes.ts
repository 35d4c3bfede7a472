/**
 * The holder's webmail options over HTTP (decision 0025): GET /api/v1/preferences answers them
 * (defaults filled in), PATCH /api/v1/preferences changes the fields given. Kept per box, so they
 * follow the holder to every browser; always the signed-in holder's own box.
 */
import { z } from 'zod';
import {
  densities,
  languages,
  maxMarkReadSeconds,
  maxSignatureLength,
  readingPanes,
  themes,
} from '../../../services/holder-preferences/holder-preferences.ts';
import type { WebSession } from '../../../services/web-sessions/web-sessions.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import { apiRoute, sessionResponses, type ApiRoute } from './api-route.ts';

export const preferencesSchema = z
  .object({
    language: z.enum(languages).nullable().describe("null: the browser's language."),
    theme: z.enum(themes),
    density: z.enum(densities),
    previewLines: z.number().int().min(0).max(2).describe('Lines of body preview under each list row.'),
    hideReceipts: z.boolean().describe('Receipts and notices left out of lists by default.'),
    readingPane: z.enum(readingPanes),
    markReadAfterSeconds: z
      .number()
      .int()
      .min(0)
      .max(maxMarkReadSeconds)
      .nullable()
      .describe('Seconds an open message waits before it is marked read; null: never automatically.'),
    signature: z.string().max(maxSignatureLength).describe('Plain text added below new messages.'),
  })
  .meta({ id: 'Preferences' });

export const preferencesChangeSchema = preferencesSchema.partial().strict().meta({ id: 'PreferencesChange' });

function mailboxOf(session: WebSession | undefined): number {
  if (session === undefined) throw new Error('unreachable: the route needs a session');
  return session.mailboxId;
}

export function preferenceRoutes(deps: ApiDependencies): ApiRoute[] {
  const { preferences } = deps;
  if (preferences === undefined) return [];
  return [
    apiRoute({
      method: 'GET',
      url: '/api/v1/preferences',
      operationId: 'getPreferences',
      summary: "The holder's webmail options, defaults filled in.",
      tag: 'preferences',
      auth: true,
      responses: { 200: { description: 'The options.', schema: preferencesSchema }, ...sessionResponses },
      handler: ({ session }) => preferences.get(mailboxOf(session)),
    }),
    apiRoute({
      method: 'PATCH',
      url: '/api/v1/preferences',
      operationId: 'updatePreferences',
      summary: 'Changes the options given; the others stay as they are.',
      tag: 'preferences',
      auth: true,
      body: preferencesChangeSchema,
      responses: {
        200: { description: 'The options after the change.', schema: preferencesSchema },
        400: { description: 'A value out of range (invalid-request).', problem: true },
        ...sessionResponses,
      },
      handler: ({ session, body }) => preferences.update(mailboxOf(session), body),
    }),
  ];
}
