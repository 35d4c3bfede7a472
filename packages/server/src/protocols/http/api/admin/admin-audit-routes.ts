/**
 * GET /api/v1/admin/audit: the audit trail for the operator's admin and auditor, newest first,
 * searched by text, actor, action, domain, outcome and period, paged with a cursor (the id of
 * the last entry seen). Reading the trail is itself recorded.
 */
import type { ApiRoute } from '../api-route.ts';
import type { AdminApiDependencies } from './admin-api-dependencies.ts';
import { adminRoute } from './admin-route.ts';
import { auditPageSchema, auditQuerySchema } from './admin-schemas.ts';
import type { AuditOutcome } from '../../../../ports/audit-trail.ts';

export function adminAuditRoutes(deps: AdminApiDependencies): ApiRoute[] {
  return [
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/audit',
      operationId: 'searchAudit',
      summary: 'Search the audit trail of administration, newest first.',
      tag: 'admin',
      access: { roles: ['admin', 'auditor'], action: 'audit.search' },
      query: auditQuerySchema,
      responses: { 200: { description: 'One page of entries.', schema: auditPageSchema } },
      async handler({ query }) {
        const entries = await deps.trail.search({
          ...(query.q === undefined ? {} : { text: query.q }),
          ...(query.actor === undefined ? {} : { actor: query.actor }),
          ...(query.action === undefined ? {} : { action: query.action }),
          ...(query.domain === undefined ? {} : { domain: query.domain }),
          ...(query.outcome === undefined ? {} : { outcome: query.outcome as AuditOutcome }),
          ...(query.from === undefined ? {} : { from: new Date(query.from) }),
          ...(query.to === undefined ? {} : { to: new Date(query.to) }),
          ...(query.cursor === undefined ? {} : { before: Number(query.cursor) }),
          limit: query.limit,
        });
        const last = entries.at(-1);
        return {
          entries: entries.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
          nextCursor: entries.length === query.limit && last !== undefined ? String(last.id) : null,
        };
      },
    }),
  ];
}
