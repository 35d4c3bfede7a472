/**
 * A ProviderContext built by hand for pipeline tests: temp data folder, SQLite storage, fs blobs,
 * a development PKI and signer, a providers' index listing this provider (and one other PEC
 * provider), a fake clock. Also oracles: `openssl smime -verify` and `xmllint --dtdvalid`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDevelopmentPki,
  createSoftwareSigner,
  createProviderIndex,
  findParts,
  parseLdif,
  parseMimeTree,
  pemToDer,
  readBodyBytes,
  renderProviderEntry,
  type ProviderIdentity,
} from '@pec/core';
import type { ProviderContext } from '../../src/app/provider-context.ts';
import { buildInitialConfig } from '../../src/config/write-initial-config.ts';
import { dataFolderLayout } from '../../src/config/data-folder-layout.ts';
import type { Config } from '../../src/config/config-schema.ts';
import type { Mailbox, NewMailbox } from '../../src/ports/account-store.ts';
import type { Clock } from '../../src/ports/clock.ts';
import { standardFolders } from '../../src/services/accounts/standard-folders.ts';
import { openSqliteStores } from '../../src/storage/sqlite/open-sqlite-stores.ts';
import { repoRoot } from '../pec-samples-dir.ts';

export interface FakeClock extends Clock {
  set(at: Date): void;
  advance(ms: number): void;
}

export function createFakeClock(start: Date): FakeClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (at) => {
      current = at.getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

export interface TestProvider {
  readonly ctx: ProviderContext;
  readonly clock: FakeClock;
  readonly dir: string;
  readonly caFile: string;
  /** DER of the development CA, a trust anchor for `readPecMessage`. */
  readonly caDer: Uint8Array;
  /** Creates the domain if needed, the mailbox and its standard folders. */
  addMailbox(address: string, fields?: Partial<NewMailbox>): Promise<Mailbox>;
  close(): Promise<void>;
}

export const testStart = new Date('2026-03-10T09:30:00.000Z');
export const otherProviderDomain = 'pec.other-provider.example';
const dtdFile = join(repoRoot, 'packages/core/src/pec/daticert/daticert.dtd');

export async function createTestProvider(
  options: {
    readonly domain?: string;
    readonly name?: string;
    readonly limits?: Partial<Config['limits']>;
    readonly graceDaysAfterExpiry?: number;
  } = {},
): Promise<TestProvider> {
  const identity: ProviderIdentity = {
    name: options.name ?? 'Example PEC S.p.A.',
    domain: options.domain ?? 'pec.example.it',
  };
  const dir = await mkdtemp(join(tmpdir(), 'pec-pipeline-'));
  const clock = createFakeClock(testStart);
  const pki = await createDevelopmentPki({
    domain: identity.domain,
    providerName: identity.name,
    now: testStart,
  });
  const caFile = join(dir, 'ca.pem');
  await writeFile(caFile, pki.caCertificate);
  const signer = await createSoftwareSigner({
    certificate: pki.signingCertificate,
    privateKey: pki.signingPrivateKey,
    digestAlgorithm: 'sha1',
  });
  const ldif =
    renderProviderEntry({
      name: identity.name,
      mailReceipt: `posta-certificata@${identity.domain}`,
      managedDomains: [identity.domain],
      certificates: [pemToDer(pki.signingCertificate, 'CERTIFICATE')],
    }) +
    '\n' +
    renderProviderEntry({
      name: 'Other PEC S.p.A.',
      mailReceipt: `posta-certificata@${otherProviderDomain}`,
      managedDomains: [otherProviderDomain],
      certificates: [],
    });
  const base = buildInitialConfig({ domain: identity.domain, providerName: identity.name });
  const config: Config = {
    ...base,
    limits: { ...base.limits, ...options.limits },
    superReception: {
      graceDaysAfterExpiry: options.graceDaysAfterExpiry ?? base.superReception.graceDaysAfterExpiry,
    },
  };
  const { storage, blobs } = await openSqliteStores({
    file: join(dir, 'pec.db'),
    blobsDir: join(dir, 'blobs'),
    clock,
  });
  const ctx: ProviderContext = {
    config: { dataDir: dir, layout: dataFolderLayout(dir), config, appliedEnv: [] },
    storage,
    blobs,
    signer,
    identity,
    index: createProviderIndex(parseLdif(ldif)),
    tls: { cert: pki.tlsCertificate, key: pki.tlsPrivateKey },
    clock,
    close: () => storage.close(),
  };
  return {
    ctx,
    clock,
    dir,
    caFile,
    caDer: pemToDer(pki.caCertificate, 'CERTIFICATE'),
    async addMailbox(address, fields = {}) {
      const domain = address.slice(address.indexOf('@') + 1);
      if ((await storage.accounts.getDomain(domain)) === undefined)
        await storage.accounts.addDomain({ name: domain });
      const mailbox = await storage.accounts.createMailbox({
        address,
        holderName: address.slice(0, address.indexOf('@')),
        quotaBytes: 10_000_000,
        ...fields,
      });
      for (const folder of standardFolders) await storage.mailboxes.createFolder(mailbox.id, folder);
      return mailbox;
    },
    async close() {
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `openssl smime -verify` against the test CA; returns stderr when it fails, undefined when it passes. */
export async function opensslVerifyProblem(
  provider: TestProvider,
  bytes: Uint8Array,
): Promise<string | undefined> {
  const file = join(provider.dir, `verify-${Math.random().toString(36).slice(2)}.eml`);
  await writeFile(file, bytes);
  const at = String(Math.floor(provider.clock.now().getTime() / 1000) + 60);
  const result = spawnSync(
    'openssl',
    [
      'smime',
      '-verify',
      '-in',
      file,
      '-CAfile',
      provider.caFile,
      '-purpose',
      'any',
      '-attime',
      at,
      '-out',
      `${file}.out`,
    ],
    { encoding: 'utf8' },
  );
  return result.status === 0 && /Verification successful/.test(result.stderr) ? undefined : result.stderr;
}

/** The daticert.xml bytes of a PEC message, or undefined. */
export function daticertOf(bytes: Uint8Array): Uint8Array | undefined {
  const node = findParts(parseMimeTree(bytes), (n) => n.filename === 'daticert.xml')[0];
  return node === undefined ? undefined : readBodyBytes(bytes, node);
}

/** Runs `xmllint --dtdvalid` on a daticert; returns stderr when it fails, undefined when it passes. */
export async function xmllintProblem(
  provider: TestProvider,
  daticert: Uint8Array,
): Promise<string | undefined> {
  const file = join(provider.dir, `daticert-${Math.random().toString(36).slice(2)}.xml`);
  await writeFile(file, daticert);
  const result = spawnSync('xmllint', ['--noout', '--dtdvalid', dtdFile, file], { encoding: 'utf8' });
  return result.status === 0 ? undefined : result.stderr;
}

export interface TestMessageInput {
  readonly from?: string | null;
  readonly to?: string | null;
  readonly cc?: string | null;
  readonly bcc?: string;
  readonly subject?: string;
  readonly messageId?: string | null;
  /** `X-TipoRicevuta` to request. */
  readonly receiptType?: string;
  /** Appended to the text part. */
  readonly body?: string;
}

/** A client message with a text part and a PDF-like attachment, CRLF throughout. */
export function renderTestMessage(input: TestMessageInput): Uint8Array {
  const header = (name: string, value: string | null | undefined): string[] =>
    value === null || value === undefined ? [] : [`${name}: ${value}`];
  const lines = [
    'Date: Tue, 10 Mar 2026 10:29:00 +0100',
    ...header('From', input.from === undefined ? 'Mario Rossi <mario.rossi@pec.example.it>' : input.from),
    ...header('To', input.to === undefined ? 'anna.bianchi@pec.example.it' : input.to),
    ...header('Cc', input.cc),
    ...header('Bcc', input.bcc),
    `Subject: ${input.subject ?? 'Fattura marzo'}`,
    ...header('Message-ID', input.messageId === undefined ? '<client-1@mua.example>' : input.messageId),
    ...header('X-TipoRicevuta', input.receiptType),
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="mix"',
    '',
    '--mix',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `In allegato la fattura.${input.body ?? ''}`,
    '--mix',
    'Content-Type: application/pdf; name="fattura.pdf"',
    'Content-Disposition: attachment; filename="fattura.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('%PDF-1.4 fattura di prova\n').toString('base64'),
    '--mix--',
    '',
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

/** The messages of a folder with their bytes, in UID order. */
export async function folderMessages(provider: TestProvider, address: string, folder = 'INBOX') {
  const { storage, blobs } = provider.ctx;
  const mailbox = await storage.accounts.findMailboxByAddress(address);
  if (mailbox === undefined) throw new Error(`no mailbox ${address}`);
  const found = await storage.mailboxes.getFolder(mailbox.id, folder);
  if (found === undefined) return [];
  const messages = await storage.mailboxes.listMessages(found.id);
  return Promise.all(messages.map(async (message) => ({ message, bytes: await blobs.get(message.blobKey) })));
}
