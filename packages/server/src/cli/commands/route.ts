/**
 * `pec route add DOMAIN HOST[:PORT] [--tls required|opportunistic|none]`, `pec route list [--json]`
 * and `pec route delete DOMAIN`: the static relay routes (ports/route-store.ts). Mail for a domain
 * with a route goes to that host; `*` catches every other domain (a smarthost); domains without
 * one are routed by DNS MX (relay.dns). Without --tls the policy follows the recipient kind
 * (relay.certifiedTls for PEC, relay.externalTls for ordinary mail, pec-spec §8.6).
 */
import { isIP } from 'node:net';
import type { Command } from 'commander';
import { openProvider } from '../../app/open-provider.ts';
import type { ProviderContext } from '../../app/provider-context.ts';
import { routeTlsPolicies, type RouteTlsPolicy, type StaticRoute } from '../../ports/route-store.ts';
import { isStorageError } from '../../ports/storage-error.ts';
import { cliDataDir, cliEnvironment, refuse, type DataOption } from './mailbox-action.ts';

/** Opens the provider, runs `run`, closes it; a refused value prints `pec: <reason>` and exits 1. */
export async function providerAction(
  options: DataOption,
  run: (ctx: ProviderContext) => Promise<void>,
): Promise<void> {
  const ctx = await openProvider({ dataDir: cliDataDir(options), env: cliEnvironment() });
  try {
    await run(ctx);
  } catch (error) {
    if (!isStorageError(error, 'invalid')) throw error;
    refuse(error.message);
  } finally {
    await ctx.close();
  }
}

/** `host`, `host:port`, `[v6]:port` or a bare IPv6 address; port 25 when absent. */
export function parseHostPort(value: string): { host: string; port: number } | undefined {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  if (bracketed !== null) return { host: bracketed[1] ?? '', port: Number(bracketed[2] ?? '25') };
  if (isIP(value) === 6) return { host: value, port: 25 };
  const plain = /^([^:\s]+)(?::(\d+))?$/.exec(value);
  if (plain === null) return undefined;
  return { host: plain[1] ?? '', port: Number(plain[2] ?? '25') };
}

function renderTarget(route: Pick<StaticRoute, 'host' | 'port'>): string {
  return `${isIP(route.host) === 6 ? `[${route.host}]` : route.host}:${route.port}`;
}

function renderTls(tls: RouteTlsPolicy | null): string {
  return tls ?? 'by recipient kind';
}

export function registerRoute(program: Command): void {
  const route = program.command('route').description('Static relay routes to other providers and hosts');

  route
    .command('add')
    .description('Send mail for DOMAIN (or * for every other domain) to HOST:PORT; replaces its route')
    .argument('<domain>', 'destination domain, e.g. pec.other-provider.it, or *')
    .argument('<host:port>', 'next hop, e.g. mx.other-provider.it:25 or 127.0.0.1:2525 (port default 25)')
    .option('--tls <policy>', `TLS on this hop: ${routeTlsPolicies.join(', ')} (default: by recipient kind)`)
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (domain: string, target: string, options: DataOption & { readonly tls?: string }) => {
      const hop = parseHostPort(target);
      if (hop === undefined) {
        refuse(`not HOST:PORT: ${target}`);
        return;
      }
      const tls = options.tls;
      if (tls !== undefined && !routeTlsPolicies.includes(tls as RouteTlsPolicy)) {
        refuse(`--tls must be one of ${routeTlsPolicies.join(', ')}`);
        return;
      }
      await providerAction(options, async (ctx) => {
        const result = await ctx.storage.routes.set({
          domain,
          ...hop,
          tls: (tls as RouteTlsPolicy | undefined) ?? null,
        });
        const { route: saved } = result;
        process.stdout.write(
          `pec: ${result.replaced ? 'replaced the route of' : 'added a route for'} ${saved.domain}: ` +
            `${renderTarget(saved)}, TLS ${renderTls(saved.tls)}\n`,
        );
      });
    });

  route
    .command('list')
    .description('List the static routes')
    .option('--json', 'print a JSON array')
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (options: DataOption & { readonly json?: boolean }) => {
      await providerAction(options, async (ctx) => {
        const routes = await ctx.storage.routes.list();
        if (options.json === true) {
          const rows = routes.map((r) => ({
            domain: r.domain,
            host: r.host,
            port: r.port,
            tls: r.tls,
            createdAt: r.createdAt.toISOString(),
            updatedAt: r.updatedAt.toISOString(),
          }));
          process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          return;
        }
        if (routes.length === 0) {
          process.stdout.write('pec: no static routes: every domain is routed by DNS MX (relay.dns)\n');
        }
        for (const r of routes)
          process.stdout.write(`${r.domain}  ${renderTarget(r)}  TLS ${renderTls(r.tls)}\n`);
      });
    });

  route
    .command('delete')
    .description('Delete the static route of DOMAIN (its mail is then routed by DNS MX)')
    .argument('<domain>', 'destination domain, or *')
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (domain: string, options: DataOption) => {
      await providerAction(options, async (ctx) => {
        if (await ctx.storage.routes.delete(domain))
          process.stdout.write(`pec: deleted the route of ${domain}\n`);
        else refuse(`no route for ${domain}`);
      });
    });
}
