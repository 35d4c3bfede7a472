/**
 * Port for static relay routes: "mail for DOMAIN goes to HOST:PORT", set by the operator
 * (`pec route add`) for private deployments, tests, or a smarthost (`*`). A domain without a route
 * is routed by DNS MX (services/pipeline/relay). Guarantees: one route per domain (domains are
 * stored lower-cased); setting a route for a known domain replaces it; invalid values are refused.
 */

/**
 * TLS on the hop (pec-spec §8.6): `required` refuses a peer without STARTTLS or with a certificate
 * that does not verify; `opportunistic` uses STARTTLS when offered, unverified (RFC 7435);
 * `none` never starts TLS.
 */
export type RouteTlsPolicy = 'required' | 'opportunistic' | 'none';
export const routeTlsPolicies: readonly RouteTlsPolicy[] = ['required', 'opportunistic', 'none'];

/** The domain of the catch-all route: every domain without a route of its own. */
export const anyDomainRoute = '*';

export interface StaticRoute {
  /** Lower-case domain, or `*`. */
  readonly domain: string;
  /** Host name or IP address (IPv6 without brackets). */
  readonly host: string;
  readonly port: number;
  /** null: chosen by recipient kind (the relay's defaults for certificato and esterno). */
  readonly tls: RouteTlsPolicy | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewStaticRoute {
  readonly domain: string;
  readonly host: string;
  readonly port: number;
  readonly tls?: RouteTlsPolicy | null;
}

export interface RouteStore {
  /**
   * Adds the route, or replaces the route of the same domain (keeping its `createdAt`).
   * Throws StorageError `invalid` for a malformed domain, host, port or TLS policy.
   */
  set(route: NewStaticRoute): Promise<{ readonly route: StaticRoute; readonly replaced: boolean }>;
  /** The route of exactly this domain (case-insensitive), without the `*` fallback. */
  get(domain: string): Promise<StaticRoute | undefined>;
  /** The route to use for `domain`: its own, else the `*` route, else undefined. */
  find(domain: string): Promise<StaticRoute | undefined>;
  /** Every route, ordered by domain. */
  list(): Promise<StaticRoute[]>;
  /** False when the domain had no route. */
  delete(domain: string): Promise<boolean>;
}
