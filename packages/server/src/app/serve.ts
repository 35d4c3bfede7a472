/**
 * The composition root's second half: from a ProviderContext and its services
 * (`create-provider-services.ts`) to a running provider. Runs them as one ordered list of
 * components: the background work first, then the SMTP submission listeners (pec-spec §2.2, §8.6),
 * the MX of the reception point (pec-spec §2.3), IMAP and POP3. `close()` stops them in reverse: it
 * stops taking mail first, lets submissions in progress answer, then stops the worker (decision 0004).
 */
import type { ListenerAddress, ListenerTls } from '../protocols/listener-address.ts';
import { createExchangeServer } from '../protocols/smtp/exchange/create-exchange-server.ts';
import { createSubmissionServer } from '../protocols/smtp/submission/create-submission-server.ts';
import { createProviderTelemetry } from '../telemetry/create-provider-telemetry.ts';
import { startComponents, type Component } from './component.ts';
import type { ProviderServices } from './create-provider-services.ts';
import { backgroundComponent, listenerComponent } from './listener-component.ts';
import type { ProviderContext } from './provider-context.ts';
import { listenerConnectionSettings } from './service-dependencies.ts';
import { mailboxAccessComponents } from './start-mailbox-access.ts';
import { httpComponent } from './http-component.ts';
import { nodeIdentityComponent } from './node-identity-component.ts';
import { withNewPecNotices } from './new-pec-notice-components.ts';

export type { ListenerAddress } from '../protocols/listener-address.ts';
export {
  createProviderServices,
  type BackgroundWorker,
  type ProviderServices,
  type ProviderServicesOptions,
} from './create-provider-services.ts';

export interface RunningProvider {
  readonly addresses: readonly ListenerAddress[];
  /** Graceful stop; idempotent. Does not close the ProviderContext (its opener does). */
  close(): Promise<void>;
}

export interface ServeOptions {
  /** How long closing waits for open SMTP sessions. Default 5000 ms. */
  readonly closeTimeoutMs?: number;
}

/** Everything `serveProvider` runs, in start order; `bound` collects the listeners' addresses. */
export function providerComponents(
  ctx: ProviderContext,
  services: ProviderServices,
  options: ServeOptions,
  bound: ListenerAddress[],
): Component[] {
  const { config } = ctx.config;
  const tls: ListenerTls = { cert: ctx.tls.cert, key: ctx.tls.key, minVersion: config.tls.minVersion };
  const telemetry = services.telemetry ?? createProviderTelemetry();
  const { events } = telemetry;
  const smtpCommon = {
    host: config.listen.host,
    hostname: config.provider.hostname,
    providerName: ctx.identity.name,
    tls,
    maxMessageBytes: config.limits.maxMessageBytes,
    events,
    connections: listenerConnectionSettings(ctx),
    ...(options.closeTimeoutMs === undefined ? {} : { closeTimeoutMs: options.closeTimeoutMs }),
  };
  const components: Component[] = [
    // This node's name, unique among running nodes; the jobs its previous run held (even one
    // killed with -9) are taken back at once and resumed by the worker (decision 0004).
    nodeIdentityComponent(ctx),
    backgroundComponent('outbox-worker', services.worker),
    ...(services.timeoutSweeper === undefined
      ? []
      : [backgroundComponent('timeout-sweeper', services.timeoutSweeper)]),
    ...(services.indexRefresher === undefined
      ? []
      : [backgroundComponent('index-refresher', services.indexRefresher)]),
    ...(services.maintenance === undefined
      ? []
      : [{ name: 'daily-maintenance', ...services.maintenance } satisfies Component]),
    ...(services.logTimestamper === undefined
      ? []
      : [backgroundComponent('log-timestamper', services.logTimestamper)]),
    ...(services.webhookSender === undefined
      ? []
      : [backgroundComponent('webhook-sender', services.webhookSender)]),
    ...(services.noticeFlusher === undefined
      ? []
      : [backgroundComponent('notice-flusher', services.noticeFlusher)]),
    listenerComponent(
      'smtp-submission',
      () =>
        openListener(
          createSubmissionServer(
            { accessPoint: services.accessPoint, authenticator: services.authenticator },
            {
              ...smtpCommon,
              starttlsPort: config.ports.submission,
              implicitTlsPort: config.ports.submissions,
            },
          ),
        ),
      bound,
      events,
    ),
  ];
  const { receptionPoint } = services;
  if (receptionPoint !== undefined) {
    // The MX (pec-spec §2.3, §8.6): STARTTLS offered, plain accepted, no AUTH.
    components.push(
      listenerComponent(
        'smtp-mx',
        () =>
          openListener(
            createExchangeServer(receptionPoint, {
              ...smtpCommon,
              port: config.ports.smtp,
              limits: config.limits,
            }),
          ),
        bound,
        events,
      ),
    );
  }
  // IMAP, POP3 and the web change usage too (append, expunge): their storage checks the quota notices.
  const noticed = withNewPecNotices(ctx);
  components.push(...mailboxAccessComponents(noticed, services.authenticator, bound, events));
  // Last to start, first to stop: ready only while every other component runs.
  components.push(
    httpComponent(
      noticed,
      telemetry,
      bound,
      services.authenticator,
      services.accessPoint,
      services.revocation,
    ),
  );
  return components;
}

async function openListener(server: {
  listen(): Promise<readonly ListenerAddress[]>;
  close(): Promise<void>;
}): Promise<{ addresses: readonly ListenerAddress[]; close(): Promise<void> }> {
  return { addresses: await server.listen(), close: () => server.close() };
}

/** Starts every component of this provider, in order; on a failure, what started is stopped. */
export async function serveProvider(
  ctx: ProviderContext,
  services: ProviderServices,
  options: ServeOptions = {},
): Promise<RunningProvider> {
  const addresses: ListenerAddress[] = [];
  const running = await startComponents(providerComponents(ctx, services, options, addresses));
  return { addresses, close: () => running.stop() };
}
