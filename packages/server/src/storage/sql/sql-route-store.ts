/**
 * RouteStore on SQL (SQLite or PostgreSQL): the `relay_routes` table of migrations/0003-relay-routes.ts,
 * declared here and added to the shared Database type with `withTables`. Domains are stored
 * lower-cased; `set` is an upsert that keeps the first `created_at`.
 */
import { isIP } from 'node:net';
import type { Selectable } from 'kysely';
import {
  anyDomainRoute,
  routeTlsPolicies,
  type NewStaticRoute,
  type RouteStore,
  type RouteTlsPolicy,
  type StaticRoute,
} from '../../ports/route-store.ts';
import { StorageError } from '../../ports/storage-error.ts';
import { atomically, type SqlContext } from './sql-context.ts';

export interface RelayRoutesTable {
  domain: string;
  host: string;
  port: number;
  tls: string | null;
  created_at: number;
  updated_at: number;
}

const label = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const hostnamePattern = new RegExp(`^${label}(?:\\.${label})*\\.?$`);

function isHostname(value: string): boolean {
  return value.length <= 253 && hostnamePattern.test(value);
}

function normalizeDomain(domain: string): string {
  const value = domain.trim().toLowerCase();
  if (value !== anyDomainRoute && !isHostname(value)) {
    throw new StorageError('invalid', `not a domain name: ${JSON.stringify(domain)}`);
  }
  return value.replace(/\.$/, '');
}

function checkRoute(route: NewStaticRoute): Omit<RelayRoutesTable, 'created_at' | 'updated_at'> {
  const domain = normalizeDomain(route.domain);
  const host = route.host.trim().toLowerCase();
  if (isIP(host) === 0 && !isHostname(host)) {
    throw new StorageError('invalid', `not a host name or IP address: ${JSON.stringify(route.host)}`);
  }
  if (!Number.isInteger(route.port) || route.port < 1 || route.port > 65535) {
    throw new StorageError('invalid', `not a TCP port: ${String(route.port)}`);
  }
  const tls = route.tls ?? null;
  if (tls !== null && !routeTlsPolicies.includes(tls)) {
    throw new StorageError('invalid', `unknown TLS policy: ${tls as string}`);
  }
  return { domain, host, port: route.port, tls };
}

export function createSqlRouteStore(ctx: SqlContext): RouteStore {
  const db = ctx.db.withTables<{ relay_routes: RelayRoutesTable }>();

  async function get(domain: string): Promise<StaticRoute | undefined> {
    const row = await db
      .selectFrom('relay_routes')
      .selectAll()
      .where('domain', '=', domain.trim().toLowerCase().replace(/\.$/, ''))
      .executeTakeFirst();
    return row === undefined ? undefined : toRoute(row);
  }

  return {
    async set(route) {
      const values = checkRoute(route);
      const now = ctx.clock.now().getTime();
      return atomically(ctx, async (trx) => {
        const tx = trx.withTables<{ relay_routes: RelayRoutesTable }>();
        const existing = await tx
          .selectFrom('relay_routes')
          .select('created_at')
          .where('domain', '=', values.domain)
          .executeTakeFirst();
        const row = await tx
          .insertInto('relay_routes')
          .values({ ...values, created_at: existing?.created_at ?? now, updated_at: now })
          .onConflict((oc) =>
            oc
              .column('domain')
              .doUpdateSet({ host: values.host, port: values.port, tls: values.tls, updated_at: now }),
          )
          .returningAll()
          .executeTakeFirstOrThrow();
        return { route: toRoute(row), replaced: existing !== undefined };
      });
    },

    get,

    async find(domain) {
      return (await get(domain)) ?? (await get(anyDomainRoute));
    },

    async list() {
      const rows = await db.selectFrom('relay_routes').selectAll().orderBy('domain').execute();
      return rows.map(toRoute);
    },

    async delete(domain) {
      const result = await db
        .deleteFrom('relay_routes')
        .where('domain', '=', domain.trim().toLowerCase().replace(/\.$/, ''))
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}

function toRoute(row: Selectable<RelayRoutesTable>): StaticRoute {
  return {
    domain: row.domain,
    host: row.host,
    port: row.port,
    tls: row.tls as RouteTlsPolicy | null,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
