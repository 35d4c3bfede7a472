/**
 * The holder's security archive over HTTP (decision 0035): its settings with what it holds against
 * the plan's archive quota, saving them, and deleting archived messages, refused (409) unless the
 * holder enabled manual deletion. The archived messages are listed, searched, opened and
 * downloaded through the folder and message routes, with the archive's folder id. Acts on the
 * signed-in holder's own box only.
 */
import { sendConflict } from './send-conflict.ts';
import { z } from 'zod';
import { archiveKinds } from '../../../ports/security-archive-store.ts';
import type { ArchiveOverview } from '../../../services/security-archive/security-archive.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import { apiRoute, sessionResponses, type ApiRoute } from './api-route.ts';

const kindSchema = z
  .enum(archiveKinds)
  .describe('acceptance receipts, delivery receipts, certified messages received, messages sent');

const overviewSchema = z
  .object({
    enabled: z.boolean(),
    kinds: z.array(kindSchema).describe('The kinds archived from now on.'),
    manualDeletion: z.boolean().describe('Off by default: archived messages cannot be deleted.'),
    enabledAt: z
      .string()
      .nullable()
      .describe('Since when it archives (ISO 8601); earlier mail is not in it.'),
    fullSince: z.string().nullable().describe('When the holder was told the archive is full (ISO 8601).'),
    folder: z
      .object({ id: z.number().int(), name: z.string() })
      .nullable()
      .describe('The archive folder, for the message routes; null while nothing was archived.'),
    messages: z.number().int(),
    usedBytes: z.number().int(),
    quotaBytes: z.number().int().describe("From the box's plan; 0: the plan has no archive."),
  })
  .meta({ id: 'SecurityArchive' });

const settingsBody = z
  .strictObject({
    enabled: z.boolean(),
    kinds: z.array(kindSchema).max(archiveKinds.length),
    manualDeletion: z.boolean(),
  })
  .meta({ id: 'SecurityArchiveSettings' });

const deleteBody = z
  .strictObject({ uids: z.array(z.number().int().positive()).min(1).max(1000) })
  .meta({ id: 'SecurityArchiveDeletion' });

const deletedSchema = z.object({ removed: z.array(z.number().int()) }).meta({ id: 'SecurityArchiveDeleted' });

const view = (overview: ArchiveOverview): z.output<typeof overviewSchema> => ({
  enabled: overview.settings.enabled,
  kinds: [...overview.settings.kinds],
  manualDeletion: overview.settings.manualDeletion,
  enabledAt: overview.settings.enabledAt?.toISOString() ?? null,
  fullSince: overview.settings.fullNoticeAt?.toISOString() ?? null,
  folder: overview.folder,
  messages: overview.messages,
  usedBytes: overview.usedBytes,
  quotaBytes: overview.quotaBytes,
});

export function securityArchiveRoutes(deps: ApiDependencies): ApiRoute[] {
  const archive = deps.securityArchive;
  if (archive === undefined) return [];
  return [
    apiRoute({
      method: 'GET',
      url: '/api/v1/security-archive',
      operationId: 'getSecurityArchive',
      summary: 'The security archive: settings, and what it holds against the archive quota.',
      tag: 'security-archive',
      auth: true,
      responses: { 200: { description: 'The archive.', schema: overviewSchema }, ...sessionResponses },
      async handler({ session }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        return view(await archive.overview(session.mailboxId));
      },
    }),
    apiRoute({
      method: 'PATCH',
      url: '/api/v1/security-archive',
      operationId: 'updateSecurityArchive',
      summary: 'Switches the archive on or off, chooses the kinds archived and whether deleting is allowed.',
      tag: 'security-archive',
      auth: true,
      body: settingsBody,
      responses: { 200: { description: 'The archive.', schema: overviewSchema }, ...sessionResponses },
      async handler({ session, body }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        return view(await archive.update(session.mailboxId, body));
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/security-archive/delete',
      operationId: 'deleteFromSecurityArchive',
      summary: 'Deletes archived messages by UID; only when manual deletion is enabled.',
      tag: 'security-archive',
      auth: true,
      body: deleteBody,
      responses: {
        200: { description: 'The UIDs deleted.', schema: deletedSchema },
        409: { description: 'Manual deletion is not enabled.', problem: true },
        ...sessionResponses,
      },
      async handler({ session, body, reply }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        const outcome = await archive.remove(session.mailboxId, body.uids);
        if (!outcome.ok) return sendConflict(reply, outcome.problem);
        return { removed: [...outcome.removed] };
      },
    }),
  ];
}
