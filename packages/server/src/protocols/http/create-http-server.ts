/**
 * The provider's HTTP listener (Fastify), for operators today and for the webmail and the API
 * later: `/healthz` (the process answers), `/readyz` (storage, blob store, signer and listeners,
 * each check bounded in time; 503 names the checks that failed) and `/metrics` (Prometheus text
 * exposition 0.0.4 from the provider's own registry), the holder's HTTP API under /api (api/)
 * when its services are given, and the webmail's build (serve-web-app.ts) when its folder holds
 * one. Plain HTTP: put a TLS proxy in front (config `ports.http`). Fastify's logger is off; our
 * failures go to the event log.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import Fastify from 'fastify';
import type { Registry } from 'prom-client';
import { nullEventLog, type EventLog } from '../../ports/event-log.ts';
import { createConnectionGuard, type ConnectionGuardSettings } from '../connection-guard.ts';
import { reportNetworkError } from '../report-network-error.ts';
import type { ApiDependencies } from './api/api-dependencies.ts';
import { registerApi } from './api/register-api.ts';
import { registerAutoconfig, type AutoconfigDependencies } from './autoconfig/register-autoconfig.ts';
import {
  registerBillingCallback,
  type BillingCallbackDependencies,
} from './billing/register-billing-callback.ts';
import { registerWebApp } from './serve-web-app.ts';

/** One readiness check: resolves when the dependency can serve, throws (or times out) when not. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

export interface HttpServerDependencies {
  /** The provider's metrics registry (never prom-client's global one). */
  readonly metrics: Registry;
  readonly readiness: readonly ReadinessCheck[];
  /** Default: nowhere. */
  readonly events?: EventLog;
  /** The services behind /api; without them there is no API. */
  readonly api?: ApiDependencies;
  /** Client autoconfiguration (autoconfig, autodiscover); without it those paths are 404. */
  readonly autoconfig?: AutoconfigDependencies;
  /** The external billing system's signed callback (decision 0041); without it that path is 404. */
  readonly billingCallback?: BillingCallbackDependencies;
}

export interface HttpServerSettings {
  /** Address to bind, e.g. 127.0.0.1. */
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Longest wait for one readiness check before it counts as failed. Default 2000 ms. */
  readonly checkTimeoutMs?: number;
  /** Caps per address, per /24 and in all; a connection over a cap is closed at once. Default: none. */
  readonly connections?: ConnectionGuardSettings;
  /** The webmail's build (packages/web/dist); served only when it holds index.html. */
  readonly webAppDir?: string;
  /** Believe X-Forwarded-For / X-Forwarded-Proto from the TLS proxy in front. Default false. */
  readonly trustProxy?: boolean;
}

export interface HttpEndpoint {
  readonly host: string;
  readonly port: number;
}

export interface HttpServer {
  /** Binds; resolves with the actual address (the port resolved when 0). */
  listen(): Promise<HttpEndpoint>;
  /** Stops accepting and closes open connections; idempotent. */
  close(): Promise<void>;
}

export interface ReadinessReport {
  readonly status: 'ready' | 'not-ready';
  /** `ok`, or why the check failed. */
  readonly checks: Readonly<Record<string, string>>;
}

/** Runs every check at once, each bounded by `timeoutMs`; a failure's text says why. */
export async function checkReadiness(
  checks: readonly ReadinessCheck[],
  timeoutMs: number,
): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async (readiness): Promise<[string, string]> => {
      const { name } = readiness;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          reject(new Error(`no answer within ${timeoutMs} ms`));
        }, timeoutMs);
      });
      try {
        await Promise.race([readiness.check(), timeout]);
        return [name, 'ok'];
      } catch (error) {
        return [name, error instanceof Error ? error.message : String(error)];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const ready = results.every(([, result]) => result === 'ok');
  return { status: ready ? 'ready' : 'not-ready', checks: Object.fromEntries(results) };
}

export function createHttpServer(deps: HttpServerDependencies, settings: HttpServerSettings): HttpServer {
  const events = (deps.events ?? nullEventLog).child({ protocol: 'http' });
  const checkTimeoutMs = settings.checkTimeoutMs ?? 2000;
  const app = Fastify({
    logger: false,
    trustProxy: settings.trustProxy ?? false,
    // A malformed request or a client gone mid-request is one short event, never a stack.
    clientErrorHandler: (error: Error, socket: Socket) => {
      reportNetworkError(
        events.child({ remoteAddress: socket.remoteAddress ?? 'unknown' }),
        'http client',
        error,
      );
      if (socket.writable && (error as { code?: unknown }).code !== 'ECONNRESET') {
        socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      } else socket.destroy();
    },
  });
  // One address cannot hold every connection: over a cap, the socket is closed before any request.
  if (settings.connections !== undefined) {
    const guard = createConnectionGuard(settings.connections);
    app.server.on('connection', (socket: Socket) => {
      const admission = guard.admit(socket.remoteAddress ?? 'unknown');
      if (!admission.admitted) {
        events.emit({
          event: 'connection.rejected',
          remoteAddress: socket.remoteAddress ?? 'unknown',
          reason: 'too-many-connections',
        });
        socket.destroy();
        return;
      }
      socket.once('close', () => {
        admission.release();
      });
    });
  }

  app.setErrorHandler((error, request, reply) => {
    events.emit({ event: 'error.unexpected', where: `http ${request.method} ${request.url}`, error });
    void reply.code(500).send({ status: 'error' });
  });

  app.get('/healthz', () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const report = await checkReadiness(deps.readiness, checkTimeoutMs);
    return reply.code(report.status === 'ready' ? 200 : 503).send(report);
  });

  app.get('/metrics', async (_request, reply) => {
    const text = await deps.metrics.metrics();
    return reply.header('content-type', deps.metrics.contentType).send(text);
  });

  if (deps.api !== undefined) registerApi(app, deps.api, events);
  if (deps.autoconfig !== undefined) registerAutoconfig(app, deps.autoconfig);
  if (deps.billingCallback !== undefined) registerBillingCallback(app, deps.billingCallback);
  const { webAppDir } = settings;
  if (webAppDir !== undefined && existsSync(join(webAppDir, 'index.html'))) registerWebApp(app, webAppDir);

  let closed: Promise<void> | undefined;
  return {
    async listen() {
      await app.listen({ host: settings.host, port: settings.port });
      const address = app.server.address() as AddressInfo;
      events.emit({ event: 'listener.started', listener: 'http', host: settings.host, port: address.port });
      return { host: settings.host, port: address.port };
    },
    close() {
      closed ??= (async () => {
        const wasListening = app.server.listening;
        await app.close();
        if (wasListening) events.emit({ event: 'listener.stopped', listener: 'http' });
      })();
      return closed;
    },
  };
}
