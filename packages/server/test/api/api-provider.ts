/**
 * A real provider for the API tests: initialised in a temporary folder, every port on 0, three
 * mailboxes, served with the HTTP listener. `deliverPec` submits a PEC over SMTP submission
 * (Python's smtplib, as the other end-to-end tests) and waits until the recipient's INBOX holds it.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProvider } from '../../src/app/open-provider.ts';
import type { ProviderContext } from '../../src/app/provider-context.ts';
import type { ConfigOverrides } from '../../src/config/load-config.ts';
import { createProviderServices, serveProvider, type RunningProvider } from '../../src/app/serve.ts';
import type { ConfiguredVirusScanner } from '../../src/antivirus/create-virus-scanner.ts';
import { createAccountService } from '../../src/services/accounts/create-account-service.ts';
import { sendWithSmtplib } from '../e2e/send-with-smtplib.ts';
import { bindEvents, type LogEvent } from '../../src/ports/event-log.ts';
import { createProviderTelemetry } from '../../src/telemetry/create-provider-telemetry.ts';
import { initProviderFromTemplate } from '../support/provider-template.ts';

export const domain = 'pec.api.localhost';
export const password = 'correct horse battery';
export const holders = {
  mario: `mario@${domain}`,
  anna: `anna@${domain}`,
  bruno: `bruno@${domain}`,
  carla: `carla@${domain}`,
} as const;

export interface ApiProvider {
  readonly ctx: ProviderContext;
  readonly running: RunningProvider;
  /** http://127.0.0.1:<port> */
  readonly base: string;
  readonly dir: string;
  deliverPec(from: string, to: string, subject: string, body: string): Promise<void>;
  close(): Promise<void>;
}

function portOf(running: RunningProvider, name: string): number {
  const address = running.addresses.find((a) => a.name === name);
  assert.ok(address !== undefined, `listener ${name}`);
  return address.port;
}

export interface ApiProviderOptions {
  /** Default: the configured one (none). */
  readonly virusScanner?: ConfiguredVirusScanner;
  /** Overrides of `limits` (legal minimums apply). */
  readonly limits?: Readonly<Record<string, number>>;
  /** Other settings merged over the test's own (every port 0). */
  readonly overrides?: ConfigOverrides;
  /** Receives every event of the operator's log (docs/logging.md), bindings merged in. */
  readonly events?: (event: LogEvent) => void;
}

export async function startApiProvider(options: ApiProviderOptions = {}): Promise<ApiProvider> {
  const dir = await mkdtemp(join(tmpdir(), 'pec-api-'));
  // The run's template copied (keys, certificates and the migrated database made once per run).
  await initProviderFromTemplate({ dataDir: dir, domain, providerName: 'API PEC' });
  const ctx = await openProvider({
    dataDir: dir,
    overrides: {
      ports: { submission: 0, submissions: 0, smtp: 0, imap: 0, imaps: 0, pop3: 0, pop3s: 0, http: 0 },
      ...(options.limits === undefined ? {} : { limits: options.limits }),
      ...options.overrides,
    },
  });
  const accounts = createAccountService({ storage: ctx.storage, clock: ctx.clock });
  for (const address of Object.values(holders))
    await accounts.createMailbox({ address, password, holderName: address.split('@')[0] ?? '' });
  const running = await serveProvider(
    ctx,
    createProviderServices(ctx, {
      pollMs: 200,
      ...(options.virusScanner === undefined ? {} : { virusScanner: options.virusScanner }),
      ...(options.events === undefined
        ? {}
        : { telemetry: createProviderTelemetry({ log: bindEvents(options.events, {}) }) }),
    }),
    {
      closeTimeoutMs: 500,
    },
  );
  const base = `http://127.0.0.1:${String(portOf(running, 'http'))}`;
  return {
    ctx,
    running,
    base,
    dir,
    async deliverPec(from, to, subject, body) {
      const mailbox = await ctx.storage.accounts.findMailboxByAddress(to);
      assert.ok(mailbox !== undefined);
      const inbox = await ctx.storage.mailboxes.getFolder(mailbox.id, 'INBOX');
      assert.ok(inbox !== undefined);
      const before = (await ctx.storage.mailboxes.listMessageStates(inbox.id)).length;
      const replies = await sendWithSmtplib({
        host: '127.0.0.1',
        port: portOf(running, 'submission'),
        caFile: join(dir, 'certs', 'ca.pem'),
        user: from,
        password,
        messages: [{ from, to: [to], subject, body }],
      });
      assert.equal(replies[0]?.code, 250, JSON.stringify(replies));
      // The envelope is filed by the outbox worker; wait for it, bounded.
      for (let attempt = 0; attempt < 150; attempt++) {
        const states = await ctx.storage.mailboxes.listMessageStates(inbox.id);
        if (states.length > before) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.fail(`no delivery to ${to} within 30 s`);
    },
    async close() {
      await running.close();
      await ctx.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in over HTTP; answers the `name=value` cookie to send back. */
export async function signIn(base: string, address: string, staySignedIn = false): Promise<string> {
  const response = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-pec-request': '1' },
    body: JSON.stringify({ address, password, staySignedIn }),
  });
  assert.equal(response.status, 204, await response.text());
  const cookie = response.headers.get('set-cookie') ?? '';
  const pair = cookie.split(';')[0] ?? '';
  assert.match(pair, /^pec_session=[A-Za-z0-9_-]{43}$/);
  return pair;
}
