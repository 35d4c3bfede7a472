import { fileURLToPath } from 'node:url';
import type { ListenerAddress } from '../protocols/listener-address.ts';
import { createHttpServer } from '../protocols/http/create-http-server.ts';
import type { Authenticator } from '../services/accounts/authenticator.ts';
import type { AccessPoint } from '../services/pipeline/access-point/access-point.ts';
import type { ProviderTelemetry } from '../telemetry/create-provider-telemetry.ts';
import type { RevocationChecker } from '../services/revocation/revocation-checker.ts';
import type { Component } from './component.ts';
import { clientSettings } from './client-settings.ts';
import { httpApiDependencies } from './http-api-dependencies.ts';
import type { ProviderContext } from './provider-context.ts';
import { boxLifeDependencies, listenerConnectionSettings } from './service-dependencies.ts';
import { billingCallback } from './billing-components.ts';
import { createBoxLife } from '../services/box-life/create-box-life.ts';
import { coordinationOf } from './open-coordination.ts';

/**
 * The HTTP listener (`ports.http`): /healthz, /readyz, /metrics, the holder's API under /api and
 * the webmail's build (packages/web/dist) when it has been built. Readiness checks storage, blobs
 * and the signer, and that the other listeners are up.
 */
export function httpComponent(
  ctx: ProviderContext,
  telemetry: ProviderTelemetry,
  bound: ListenerAddress[],
  authenticator: Authenticator,
  accessPoint?: AccessPoint,
  revocation?: RevocationChecker,
): Component {
  const { config } = ctx.config;
  let listenersReady = false;
  // The external billing system's signed callback, with `billing.kind: http` (decision 0041).
  const callback = billingCallback(ctx, createBoxLife(boxLifeDependencies(ctx, coordinationOf(ctx).nodeId)));
  const http = createHttpServer(
    {
      metrics: telemetry.metrics.registry,
      events: telemetry.events,
      api: httpApiDependencies(
        ctx,
        authenticator,
        accessPoint,
        () => clientSettings(config, bound),
        telemetry.events,
        revocation,
        telemetry.metrics.registry,
      ),
      autoconfig: {
        clientSettings: () => clientSettings(config, bound),
        domains: async () => (await ctx.storage.accounts.listDomains()).map((domain) => domain.name),
      },
      ...(callback === undefined ? {} : { billingCallback: callback }),
      readiness: [
        { name: 'storage', check: () => ctx.storage.legalLog.head().then(() => undefined) },
        { name: 'blobs', check: () => ctx.blobs.has('0'.repeat(64)).then(() => undefined) },
        { name: 'signer', check: () => ctx.signer.sign(Buffer.from('.'), new Date()).then(() => undefined) },
        {
          name: 'listeners',
          check: () => (listenersReady ? Promise.resolve() : Promise.reject(new Error('not listening'))),
        },
      ],
    },
    {
      host: config.listen.host,
      port: config.ports.http,
      connections: listenerConnectionSettings(ctx),
      webAppDir: fileURLToPath(new URL('../../../web/dist/', import.meta.url)),
      trustProxy: config.http.trustProxy,
    },
  );
  return {
    name: 'http',
    async start() {
      const address = await http.listen();
      bound.push({ name: 'http', protocol: 'http', tls: 'none', host: address.host, port: address.port });
      listenersReady = true;
    },
    async stop() {
      listenersReady = false;
      await http.close();
    },
  };
}
