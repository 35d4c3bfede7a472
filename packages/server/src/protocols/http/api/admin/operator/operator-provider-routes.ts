/**
 * The provider's own state in the console: the health summary of our metrics registry and the
 * providers' index (our record, the peers we know, when the local copy last changed; admin and
 * support), and our record signed as .p7m for publication (admin).
 */
import type { ApiRoute } from '../../api-route.ts';
import type { AdminApiDependencies } from '../admin-api-dependencies.ts';
import { adminRoute } from '../admin-route.ts';
import { operatorReaders, operatorWriters } from './operator-access.ts';
import type { OperatorApiDependencies } from './operator-api-dependencies.ts';
import { healthSchema, providersIndexSchema } from './operator-schemas.ts';

export function operatorProviderRoutes(
  deps: AdminApiDependencies,
  operator: OperatorApiDependencies,
): ApiRoute[] {
  return [
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/operator/health',
      operationId: 'operatorHealth',
      summary: 'What /metrics says, summed up, with warnings.',
      tag: 'operator',
      access: { roles: operatorReaders, action: 'health.read' },
      responses: { 200: { description: 'The summary.', schema: healthSchema } },
      handler: () => operator.health(),
    }),
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/operator/index',
      operationId: 'operatorProvidersIndex',
      summary: "The providers' index: our record, the providers we know, the local copy's last change.",
      tag: 'operator',
      access: { roles: operatorReaders, action: 'index.read' },
      responses: { 200: { description: 'The index.', schema: providersIndexSchema } },
      handler: () => operator.providersIndex.view(),
    }),
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/operator/index/own-entry.p7m',
      operationId: 'operatorSignedOwnEntry',
      summary: 'Our index record signed with the provider key (DER .p7m) to publish (pec-spec §7.3).',
      tag: 'operator',
      access: { roles: operatorWriters, action: 'index.export' },
      responses: { 200: { description: 'The signed LDIF.', mediaType: 'application/pkcs7-mime' } },
      async handler({ reply }) {
        const signed = await operator.providersIndex.signedOwnEntry();
        return reply
          .code(200)
          .header('content-type', 'application/pkcs7-mime')
          .header('content-disposition', 'attachment; filename="provider-entry.ldif.p7m"')
          .send(Buffer.from(signed));
      },
    }),
  ];
}
