/**
 * Test-only: a served provider (`serveProvider`, IMAP/POP3/SMTP on loopback port 0) in which one PEC
 * has been submitted over SMTP and fully processed, so the recipient holds a signed transport
 * envelope and the sender the signed acceptance and delivery receipts (pec-spec §3). Used by the
 * real-client tests; helpers to run external binaries and check S/MIME signatures with openssl.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { initProvider } from '../../src/app/init-provider.ts';
import { openProvider } from '../../src/app/open-provider.ts';
import type { ProviderContext } from '../../src/app/provider-context.ts';
import { createProviderServices, serveProvider, type RunningProvider } from '../../src/app/serve.ts';
import { createAccountService } from '../../src/services/accounts/create-account-service.ts';
import { sendWithSmtplib } from '../e2e/send-with-smtplib.ts';

export interface ServedAccount {
  readonly address: string;
  readonly password: string;
}

export interface ServedPecMailboxes {
  readonly dir: string;
  readonly caFile: string;
  readonly ca: string;
  readonly sender: ServedAccount;
  readonly recipient: ServedAccount;
  port(name: 'imap' | 'imaps' | 'pop3' | 'pop3s' | 'submission'): number;
  /** An imapflow client logged in over implicit TLS, verified against the provider CA. */
  imapflow(account: ServedAccount): Promise<ImapFlow>;
  close(): Promise<void>;
}

export interface RunResult {
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Runs a binary; rejects with its stderr on a non-zero exit. */
export function runBinary(
  file: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        encoding: 'buffer',
        maxBuffer: 64 * 1024 * 1024,
        timeout: options.timeoutMs ?? 60_000,
        ...(options.env === undefined ? {} : { env: options.env }),
      },
      (error, stdout, stderr) => {
        if (error === null) resolve({ stdout, stderr: stderr.toString('utf8') });
        else reject(new Error(`${file} failed: ${error.message}\n${stderr.toString('utf8')}`));
      },
    );
  });
}

/** Path of an installed binary, or null (tests skip with the Debian package to install). */
export function findBinary(name: string): string | null {
  for (const dir of (process.env['PATH'] ?? '/usr/bin').split(':')) {
    const path = join(dir, name);
    if (dir !== '' && existsSync(path)) return path;
  }
  return null;
}

/** `openssl smime -verify` of a downloaded message against the provider CA; rejects if it fails. */
export async function verifyWithOpenssl(bytes: Uint8Array, caFile: string, dir: string): Promise<void> {
  const file = join(dir, `verify-${String(Date.now())}-${String(Math.random()).slice(2)}.eml`);
  await writeFile(file, bytes);
  await runBinary('openssl', [
    'smime',
    '-verify',
    '-in',
    file,
    '-CAfile',
    caFile,
    '-purpose',
    'any',
    '-out',
    '/dev/null',
  ]);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function startServedPecMailboxes(): Promise<ServedPecMailboxes> {
  const domain = 'pec.clients.localhost';
  const password = 'correct horse battery';
  const sender = { address: `mario@${domain}`, password };
  const recipient = { address: `anna@${domain}`, password };
  const dir = await mkdtemp(join(tmpdir(), 'pec-clients-'));
  await initProvider({ dataDir: dir, domain, providerName: 'Clients PEC' });
  const ctx: ProviderContext = await openProvider({
    dataDir: dir,
    overrides: {
      ports: { submission: 0, submissions: 0, smtp: 0, imap: 0, imaps: 0, pop3: 0, pop3s: 0, http: 0 },
    },
  });
  const accounts = createAccountService({ storage: ctx.storage, clock: ctx.clock });
  await accounts.createMailbox({ address: sender.address, password });
  await accounts.createMailbox({ address: recipient.address, password });
  const running: RunningProvider = await serveProvider(ctx, createProviderServices(ctx, { pollMs: 200 }), {
    closeTimeoutMs: 500,
  });
  const caFile = join(dir, 'certs', 'ca.pem');
  const ca = await readFile(caFile, 'utf8');
  const port = (name: string): number => {
    const address = running.addresses.find((a) => a.name === name);
    if (address === undefined) throw new Error(`no listener ${name}`);
    return address.port;
  };
  const imapflow = async (account: ServedAccount): Promise<ImapFlow> => {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: port('imaps'),
      secure: true,
      tls: { ca },
      auth: { user: account.address, pass: account.password },
      logger: false,
    });
    await client.connect();
    return client;
  };
  const count = async (account: ServedAccount): Promise<number> => {
    const client = await imapflow(account);
    try {
      const status = await client.status('INBOX', { messages: true });
      return status === false ? 0 : (status.messages ?? 0);
    } finally {
      await client.logout();
    }
  };
  const replies = await sendWithSmtplib({
    host: '127.0.0.1',
    port: port('submission'),
    caFile,
    user: sender.address,
    password,
    messages: [
      {
        from: sender.address,
        to: [recipient.address],
        subject: 'Verbale di consegna',
        body: 'In allegato.\n',
      },
    ],
  });
  if (replies[0]?.code !== 250) throw new Error(`submission refused: ${JSON.stringify(replies)}`);
  await waitFor(async () => (await count(recipient)) >= 1, 30_000, 'the transport envelope');
  await waitFor(async () => (await count(sender)) >= 2, 30_000, 'the acceptance and delivery receipts');
  return {
    dir,
    caFile,
    ca,
    sender,
    recipient,
    port,
    imapflow,
    async close() {
      await running.close();
      await ctx.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
