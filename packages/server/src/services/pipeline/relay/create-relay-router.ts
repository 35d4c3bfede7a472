/**
 * The RelayRouter: a static route when the operator set one for the domain (or the `*` route),
 * else the domain's MX hosts on port 25 (RFC 5321 §5.1). Without an MX resolver (private
 * deployments, tests) a domain with no static route is a temporary failure, so adding the route
 * later lets the queued mail go.
 */
import type { MxResolver } from '../../../ports/mx-resolver.ts';
import type { RelayRouter, RouteResolution } from '../../../ports/relay-router.ts';
import type { RouteStore } from '../../../ports/route-store.ts';

export interface RelayRouterDependencies {
  readonly routes: Pick<RouteStore, 'find'>;
  /** DNS routing; omitted: static routes only. */
  readonly mx?: MxResolver;
  /** Port of MX hosts. Default 25. */
  readonly smtpPort?: number;
}

export function createRelayRouter(deps: RelayRouterDependencies): RelayRouter {
  const smtpPort = deps.smtpPort ?? 25;
  return {
    async route(domain): Promise<RouteResolution> {
      const route = await deps.routes.find(domain);
      if (route !== undefined) {
        return {
          kind: 'hops',
          hops: [{ host: route.host, port: route.port, tls: route.tls, source: 'static' }],
        };
      }
      if (deps.mx === undefined) {
        return { kind: 'temporary-failure', reason: `no route to ${domain} (add one with pec route add)` };
      }
      const resolution = await deps.mx.resolve(domain);
      if (resolution.kind !== 'hosts') return resolution;
      return {
        kind: 'hops',
        hops: resolution.hosts.map((host) => ({ host, port: smtpPort, tls: null, source: 'dns' as const })),
      };
    },
  };
}
