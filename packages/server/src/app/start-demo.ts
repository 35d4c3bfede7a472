/**
 * What `pec start` (`npm start`) adds to `pec serve` on a fresh data folder: a development provider
 * for the demo domain and two demo mailboxes with random passwords, so that a person can send a PEC
 * from a mail client at once. The certificates are the development ones of `pec init`: clearly
 * marked NOT FOR PRODUCTION (pec-spec §8.1).
 */
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { PortsConfig } from '../config/config-schema.ts';
import { dataFolderLayout } from '../config/data-folder-layout.ts';
import type { Clock } from '../ports/clock.ts';
import { createAccountService } from '../services/accounts/create-account-service.ts';
import { initProvider } from './init-provider.ts';
import type { InitProviderResult } from './init-provider.ts';
import type { ProviderContext } from './provider-context.ts';

/** `.localhost` names never leave the machine (RFC 6761 §6.3). */
export const demoDomain = 'pec.localhost';
export const demoProviderName = 'PEC demo (development, not for production)';

export interface DemoMailbox {
  readonly address: string;
  readonly password: string;
  readonly holderName: string;
}

const demoHolders = [
  { localPart: 'mario.rossi', holderName: 'Mario Rossi (demo)' },
  { localPart: 'anna.bianchi', holderName: 'Anna Bianchi (demo)' },
] as const;

/** True when DIR holds a configuration file (then `pec start` only serves). */
export async function isProviderInitialised(dataDir: string): Promise<boolean> {
  return (await stat(dataFolderLayout(dataDir).configFile).catch(() => undefined)) !== undefined;
}

/** `pec init --domain pec.localhost` with the demo provider name and the given (else default dev) ports. */
export function initDemoProvider(options: {
  readonly dataDir: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly ports?: Partial<PortsConfig>;
  readonly clock?: Clock;
}): Promise<InitProviderResult> {
  return initProvider({
    dataDir: options.dataDir,
    domain: demoDomain,
    providerName: demoProviderName,
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.ports === undefined ? {} : { ports: options.ports }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
}

/** A password of 16 characters from 96 random bits, URL-safe so it can be typed and pasted. */
function randomPassword(): string {
  return randomBytes(12).toString('base64url');
}

/** Creates the demo mailboxes on the provider's domain; returns them with their passwords. */
export async function createDemoMailboxes(ctx: ProviderContext): Promise<DemoMailbox[]> {
  const accounts = createAccountService({ storage: ctx.storage, clock: ctx.clock });
  const created: DemoMailbox[] = [];
  for (const holder of demoHolders) {
    const mailbox: DemoMailbox = {
      address: `${holder.localPart}@${ctx.identity.domain}`,
      password: randomPassword(),
      holderName: holder.holderName,
    };
    await accounts.createMailbox({
      address: mailbox.address,
      password: mailbox.password,
      holderName: mailbox.holderName,
    });
    created.push(mailbox);
  }
  return created;
}
