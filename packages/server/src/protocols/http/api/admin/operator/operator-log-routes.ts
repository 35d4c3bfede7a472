/**
 * The log register in the console (pec-spec §6.4, §8.5; admin and auditor): search, the chain and
 * daily time-stamp verification, and the log extract of a message or a period as JSON, PDF or the
 * PDF signed as .p7m (decision 0022).
 */
import type { ApiRoute } from '../../api-route.ts';
import type { AdminApiDependencies } from '../admin-api-dependencies.ts';
import { adminRoute } from '../admin-route.ts';
import { logReaders, plain } from './operator-access.ts';
import type { OperatorApiDependencies } from './operator-api-dependencies.ts';
import {
  logEntrySchema,
  logExtractQuerySchema,
  logSearchQuerySchema,
  logVerificationSchema,
} from './operator-schemas.ts';
import { z } from 'zod';

export function operatorLogRoutes(deps: AdminApiDependencies, operator: OperatorApiDependencies): ApiRoute[] {
  return [
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/operator/log',
      operationId: 'searchLogRegister',
      summary: 'Search the log register (registro dei log), oldest first.',
      tag: 'operator',
      access: { roles: logReaders, action: 'log.search' },
      query: logSearchQuerySchema,
      responses: { 200: { description: 'The matching entries.', schema: z.array(logEntrySchema) } },
      async handler({ query }) {
        return plain(
          await operator.log.search({
            ...(query.msgid === undefined ? {} : { msgid: query.msgid }),
            ...(query.sender === undefined ? {} : { sender: query.sender }),
            ...(query.recipient === undefined ? {} : { recipient: query.recipient }),
            ...(query.since === undefined ? {} : { since: new Date(query.since) }),
            ...(query.until === undefined ? {} : { until: new Date(query.until) }),
            limit: query.limit,
            offset: query.offset,
          }),
        );
      },
    }),
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/operator/log/verification',
      operationId: 'verifyLogRegister',
      summary: 'Recompute the hash chain and check every daily RFC 3161 token.',
      tag: 'operator',
      access: { roles: logReaders, action: 'log.verify' },
      responses: {
        200: { description: 'The result; names the first day that fails.', schema: logVerificationSchema },
      },
      async handler() {
        const result = await operator.log.verify();
        return {
          ok: result.ok,
          checked: result.chain.checked,
          firstBadSeq: result.chain.firstBadSeq ?? null,
          stampedDays: result.stampedDays,
          firstFailure: result.firstFailure ?? null,
        };
      },
    }),
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/operator/log/extract',
      operationId: 'extractLogRegister',
      summary: 'The log extract of a message or a period, with chain links and daily tokens (decision 0022).',
      tag: 'operator',
      access: { roles: logReaders, action: 'log.extract' },
      query: logExtractQuerySchema,
      target: ({ query }) =>
        query.message ??
        `${query.from ?? ''}/${query.to ?? ''}${query.mailbox === undefined ? '' : ` ${query.mailbox}`}`,
      responses: {
        200: {
          description: 'The extract: JSON, PDF or the signed PDF (.p7m).',
          mediaType: 'application/json',
        },
      },
      async handler({ query, reply }) {
        const files = await operator.log.extract(
          query.message !== undefined
            ? { message: query.message }
            : {
                from: new Date(query.from ?? ''),
                to: new Date(query.to ?? ''),
                ...(query.mailbox === undefined ? {} : { mailbox: query.mailbox }),
              },
        );
        const file =
          query.format === 'pdf' ? files.pdf : query.format === 'p7m' ? files.signedPdf : files.json;
        return reply
          .code(200)
          .header('content-type', file.mimeType)
          .header('content-disposition', `attachment; filename="${file.name}"`)
          .send(Buffer.from(file.bytes));
      },
    }),
  ];
}
