/** GET /api/v1/provider: who the provider is, for the sign-in screen before anyone signs in. */
import type { ApiDependencies } from './api-dependencies.ts';
import { apiRoute, type ApiRoute } from './api-route.ts';
import { providerInfoSchema } from './api-schemas.ts';

export function providerRoutes(deps: ApiDependencies): ApiRoute[] {
  return [
    apiRoute({
      method: 'GET',
      url: '/api/v1/provider',
      operationId: 'getProvider',
      summary: 'The provider, for the sign-in screen.',
      tag: 'session',
      auth: false,
      responses: { 200: { description: 'The provider.', schema: providerInfoSchema } },
      handler: () => Promise.resolve({ ...deps.provider }),
    }),
  ];
}
