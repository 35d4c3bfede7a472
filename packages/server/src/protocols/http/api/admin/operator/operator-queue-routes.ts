/**
 * The outbox and the quarantine in the console: jobs listed (admin, support) and steered (admin:
 * retry now, hold, release, delete); quarantine records listed (admin, support) and the purge of
 * what is past retention (admin). Release and early deletion of quarantined messages are refused by
 * rule (services/quarantine/quarantine-desk.ts); no route returns a quarantined message's bytes.
 */
import { z } from 'zod';
import type { JobStatus } from '../../../../../ports/queue-store.ts';
import type { QuarantinePoint } from '../../../../../ports/quarantine-store.ts';
import { AccountError } from '../../../../../services/accounts/account-error.ts';
import {
  applyQuarantineRule,
  findQuarantined,
  listQuarantine,
  purgeExpiredQuarantine,
  readQuarantined,
} from '../../../../../services/quarantine/quarantine-desk.ts';
import type { ApiRoute } from '../../api-route.ts';
import type { AdminApiDependencies } from '../admin-api-dependencies.ts';
import { adminRoute } from '../admin-route.ts';
import { operatorReaders, operatorWriters, plain } from './operator-access.ts';
import type { OperatorApiDependencies } from './operator-api-dependencies.ts';
import {
  quarantineIdParamsSchema,
  quarantineQuerySchema,
  quarantineRecordSchema,
  queueActionParamsSchema,
  queueQuerySchema,
  queuedJobSchema,
} from './operator-schemas.ts';

export function operatorQueueRoutes(
  deps: AdminApiDependencies,
  operator: OperatorApiDependencies,
): ApiRoute[] {
  return [
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/operator/queue',
      operationId: 'listQueue',
      summary: 'Outbox jobs, oldest due first (default: all but done).',
      tag: 'operator',
      access: { roles: operatorReaders, action: 'queue.list' },
      query: queueQuerySchema,
      responses: { 200: { description: 'The jobs.', schema: z.array(queuedJobSchema) } },
      async handler({ query }) {
        return plain(
          await operator.queue.list({
            ...(query.status === undefined ? {} : { status: query.status as JobStatus }),
            ...(query.all === 'true' ? { all: true } : {}),
            ...(query.kind === undefined ? {} : { kind: query.kind }),
            limit: query.limit,
          }),
        );
      },
    }),
    adminRoute(deps, {
      method: 'POST',
      url: '/api/v1/admin/operator/queue/:id/:action',
      operationId: 'steerQueuedJob',
      summary: 'Retry now, hold, release or delete one job.',
      tag: 'operator',
      access: { roles: operatorWriters, action: 'queue.steer' },
      params: queueActionParamsSchema,
      target: ({ params }) => `job ${params.id} ${params.action}`,
      responses: {
        200: { description: 'Done.', schema: z.object({ message: z.string() }) },
        409: { description: "The job's state does not allow it.", problem: true },
      },
      async handler({ params }) {
        const result = await operator.queue.steer(params.id, params.action);
        if (result.ok) return { message: result.message };
        throw new AccountError(result.reason.startsWith('no job') ? 'not-found' : 'conflict', result.reason);
      },
    }),
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/operator/quarantine',
      operationId: 'listQuarantine',
      summary: 'Quarantined detections, newest first (records only, never the message).',
      tag: 'operator',
      access: { roles: operatorReaders, action: 'quarantine.list' },
      query: quarantineQuerySchema,
      responses: {
        200: {
          description: 'The records.',
          schema: z.object({
            records: z.array(quarantineRecordSchema),
            total: z.number().int(),
            unreadable: z.array(z.string()),
          }),
        },
      },
      async handler({ query }) {
        return plain(
          await listQuarantine(await operator.quarantine(), {
            ...(query.point === undefined ? {} : { point: query.point as QuarantinePoint }),
            ...(query.address === undefined ? {} : { address: query.address }),
            ...(query.since === undefined ? {} : { since: new Date(query.since) }),
            ...(query.until === undefined ? {} : { until: new Date(query.until) }),
            limit: query.limit,
          }),
        );
      },
    }),
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/operator/quarantine/:id',
      operationId: 'showQuarantined',
      summary: 'One quarantined detection: its record (never the message).',
      tag: 'operator',
      access: { roles: operatorReaders, action: 'quarantine.show' },
      params: quarantineIdParamsSchema,
      target: ({ params }) => params.id,
      responses: {
        200: { description: 'The record.', schema: quarantineRecordSchema },
        404: { description: 'No such record.', problem: true },
      },
      async handler({ params }) {
        const record = await findQuarantined(await operator.quarantine(), params.id);
        if (record === undefined) throw new AccountError('not-found', `no quarantine record ${params.id}`);
        return plain(record);
      },
    }),
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/operator/quarantine/:id/message.eml',
      operationId: 'exportQuarantined',
      summary:
        'The infected message byte-exact, as a download, for an authority (admin only, on record; decision 0030).',
      tag: 'operator',
      access: { roles: operatorWriters, action: 'quarantine.export', tokenScope: 'admin:message-contents' },
      params: quarantineIdParamsSchema,
      target: ({ params }) => params.id,
      responses: {
        200: { description: 'The message (RFC 5322).', mediaType: 'application/octet-stream' },
        404: { description: 'No such record.', problem: true },
      },
      async handler({ params, reply }) {
        const found = await readQuarantined(await operator.quarantine(), params.id);
        if (found === undefined) throw new AccountError('not-found', `no quarantine record ${params.id}`);
        // Octet-stream and an attachment: the browser saves it, never renders or opens it.
        return reply
          .code(200)
          .header('content-type', 'application/octet-stream')
          .header('x-content-type-options', 'nosniff')
          .header(
            'content-disposition',
            `attachment; filename="quarantine-${found.record.sha256.slice(0, 16)}.eml"`,
          )
          .send(found.bytes);
      },
    }),
    adminRoute(deps, {
      method: 'POST',
      url: '/api/v1/admin/operator/quarantine/purge',
      operationId: 'purgeQuarantine',
      summary: 'Remove now what is past its retention (the daily maintenance does the same).',
      tag: 'operator',
      access: { roles: operatorWriters, action: 'quarantine.purge' },
      responses: {
        200: {
          description: 'What went.',
          schema: z.object({ records: z.number().int(), messages: z.number().int(), kept: z.number().int() }),
        },
      },
      async handler() {
        return purgeExpiredQuarantine(await operator.quarantine());
      },
    }),
    ...(['release', 'delete'] as const).map((action) =>
      adminRoute(deps, {
        method: 'POST',
        url: `/api/v1/admin/operator/quarantine/:id/${action}`,
        operationId: action === 'release' ? 'releaseQuarantined' : 'deleteQuarantined',
        summary:
          action === 'release'
            ? 'Always refused: an infected message is never delivered (pec-spec §2.1, §3.8).'
            : 'Always refused: kept for the retention period, then purged (DPR 68/2005 art. 12).',
        tag: 'operator',
        access: { roles: operatorWriters, action: `quarantine.${action}` },
        params: quarantineIdParamsSchema,
        responses: { 409: { description: 'The rule that forbids it.', problem: true } },
        async handler({ params }) {
          const outcome = await applyQuarantineRule(await operator.quarantine(), params.id, action);
          throw new AccountError(
            outcome.reason === 'no-such-record' ? 'not-found' : 'conflict',
            outcome.message,
          );
        },
      }),
    ),
  ];
}
