/**
 * Port for routing in the relay: where mail for a domain goes next, as an ordered list of hops.
 * The implementation (services/pipeline/relay/create-relay-router.ts) uses static routes first,
 * then DNS MX through the MxResolver port; tests give static routes only.
 */
import type { RouteTlsPolicy } from './route-store.ts';

export interface RelayHop {
  readonly host: string;
  readonly port: number;
  /** The TLS policy the route fixes; null when it follows the recipient kind. */
  readonly tls: RouteTlsPolicy | null;
  /** Where the hop came from, for logs: a static route, or DNS. */
  readonly source: 'static' | 'dns';
}

export type RouteResolution =
  | { readonly kind: 'hops'; readonly hops: readonly RelayHop[] }
  | { readonly kind: 'permanent-failure'; readonly reason: string }
  | { readonly kind: 'temporary-failure'; readonly reason: string };

export interface RelayRouter {
  route(domain: string): Promise<RouteResolution>;
}
