/**
 * The account service: the provider's domains and PEC mailboxes as the CLI, the admin console and
 * the web see them. It validates every input (address syntax, domain ownership, tax codes, password
 * strength), hashes passwords with argon2id, and creates a mailbox together with its standard
 * folders in one transaction, so a mailbox never exists without its INBOX.
 */
import { serviceLocalPart } from '@pec/core';
import {
  ordinaryMailPolicies,
  type Mailbox,
  type MailboxQuery,
  type OrdinaryMailPolicy,
  type ProviderDomain,
} from '../../ports/account-store.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';
import { isStorageError } from '../../ports/storage-error.ts';
import type { Storage } from '../../ports/storage.ts';
import { AccountError } from './account-error.ts';
import { hashPassword } from './hash-password.ts';
import { normalizeMailboxFields, type MailboxFields } from './normalize-mailbox-fields.ts';
import { isDomainName, parseMailboxAddress } from './parse-mailbox-address.ts';
import { standardFolders } from './standard-folders.ts';
import { checkReservation, planTerm } from './plan-term.ts';

/** The quota of a new mailbox when neither the request nor the service options give one: 1 GiB. */
export const defaultQuotaBytes = 1024 ** 3;
/** Quota of the service mailbox: it only holds notices, and filing into it ignores quotas anyway. */
export const serviceMailboxQuotaBytes = 10 * 1024 ** 3;
/** Shortest password accepted. */
export const minimumPasswordLength = 8;
/** Longest password accepted (hashing cost stays bounded). */
export const maximumPasswordLength = 1024;

export interface NewMailboxRequest {
  readonly address: string;
  readonly password: string;
  readonly holderName?: string;
  /** Codice fiscale or partita IVA, checked by its check characters. */
  readonly taxCode?: string;
  readonly contactEmail?: string;
  readonly mobile?: string;
  /** Default: the service's `defaultQuotaBytes`. */
  readonly quotaBytes?: number;
  readonly plan?: string;
  readonly expiresAt?: Date;
  /**
   * Allows the local part `posta-certificata`, which is otherwise refused because messages from
   * `posta-certificata@<domain>` are the provider's own (pec-spec §2.1, §8.1). For the service mailbox only.
   */
  readonly allowServiceAddress?: boolean;
  /**
   * Gives the address of a deleted mailbox, reserved to its holder (decision 0019), to this request
   * although its tax code is not the holder's: the operator's deliberate choice.
   */
  readonly reuseReserved?: boolean;
}

/** Changes to a mailbox, applied together or not at all; see MailboxFields and setOrdinaryMailPolicy. */
export interface MailboxChanges extends MailboxFields {
  readonly ordinaryMailPolicy?: OrdinaryMailPolicy;
  /** With `ordinaryMailPolicy: 'forward'` only. */
  readonly forwardTo?: string;
}

export interface AccountService {
  /** Throws AccountError `invalid` for a malformed name, `conflict` when it exists. */
  addDomain(name: string, options?: { readonly description?: string }): Promise<ProviderDomain>;
  listDomains(): Promise<ProviderDomain[]>;
  /**
   * Creates an active mailbox and its folders INBOX, Drafts, Sent, Spam, Trash atomically.
   * Throws AccountError `invalid` (address, password, tax code, …), `not-found` (domain not
   * served) or `conflict` (address taken).
   */
  createMailbox(request: NewMailboxRequest): Promise<Mailbox>;
  /** Throws AccountError `invalid` for a weak password, `not-found` for an unknown mailbox. */
  setPassword(address: string, password: string): Promise<void>;
  /** What happens to ordinary (non-PEC) mail for the mailbox (pec-spec §6.6); `forward` needs `forwardTo`. */
  setOrdinaryMailPolicy(address: string, policy: OrdinaryMailPolicy, forwardTo?: string): Promise<Mailbox>;
  updateMailbox(address: string, changes: MailboxChanges): Promise<Mailbox>;
  /** Ordered by address. */
  listMailboxes(query?: MailboxQuery): Promise<Mailbox[]>;
  findMailbox(address: string): Promise<Mailbox | undefined>;
  /**
   * The service mailbox (pec-spec §2.1, the index's `mailReceipt`), created with its domain and
   * folders when missing: no password (nobody logs in), ordinary mail refused, a quota of
   * `serviceMailboxQuotaBytes`. Safe to call concurrently: a lost creation race returns the winner's.
   */
  ensureServiceMailbox(address: string, providerName: string): Promise<Mailbox>;
}

export interface AccountServiceOptions {
  readonly storage: Storage;
  readonly clock?: Clock;
  /** Quota of new mailboxes; default 1 GiB. */
  readonly defaultQuotaBytes?: number;
}

function checkPassword(password: string): void {
  if (password.length < minimumPasswordLength) {
    throw new AccountError('invalid', `the password must have at least ${minimumPasswordLength} characters`);
  }
  if (password.length > maximumPasswordLength) {
    throw new AccountError('invalid', `the password must have at most ${maximumPasswordLength} characters`);
  }
  if (password.trim().length === 0) throw new AccountError('invalid', 'the password is blank');
}

function checkAddress(value: string): { address: string; localPart: string; domain: string } {
  const parsed = parseMailboxAddress(value);
  if (parsed === undefined) {
    throw new AccountError('invalid', `${JSON.stringify(value)} is not a mailbox address (name@domain)`);
  }
  return parsed;
}

/** The policy fields of a mailbox patch, checked (pec-spec §6.6). */
function ordinaryMailPatch(
  mailbox: Mailbox,
  policy: OrdinaryMailPolicy,
  forwardTo: string | undefined,
): { ordinaryMailPolicy: OrdinaryMailPolicy; forwardAddress: string | null } {
  if (!ordinaryMailPolicies.includes(policy)) {
    throw new AccountError(
      'invalid',
      `ordinary-mail policy must be one of ${ordinaryMailPolicies.join(', ')}`,
    );
  }
  if (policy !== 'forward') {
    if (forwardTo !== undefined) {
      throw new AccountError('invalid', `a forwarding address needs the policy forward, not ${policy}`);
    }
    return { ordinaryMailPolicy: policy, forwardAddress: null };
  }
  if (forwardTo === undefined) throw new AccountError('invalid', 'forwarding needs an address to forward to');
  const forwardAddress = checkAddress(forwardTo).address;
  if (forwardAddress === mailbox.address) {
    throw new AccountError('invalid', 'a mailbox cannot forward ordinary mail to itself');
  }
  return { ordinaryMailPolicy: policy, forwardAddress };
}

/** Turns the store's errors into the service's. */
function translated(error: unknown, what: string): unknown {
  if (isStorageError(error, 'conflict'))
    return new AccountError('conflict', `${what} exists`, { cause: error });
  if (isStorageError(error, 'not-found'))
    return new AccountError('not-found', error.message, { cause: error });
  if (isStorageError(error, 'invalid')) return new AccountError('invalid', error.message, { cause: error });
  return error;
}

export function createAccountService(options: AccountServiceOptions): AccountService {
  const { storage } = options;
  const clock = options.clock ?? systemClock;
  const quotaDefault = options.defaultQuotaBytes ?? defaultQuotaBytes;

  async function requireMailbox(address: string): Promise<Mailbox> {
    const mailbox = await storage.accounts.findMailboxByAddress(address.trim());
    if (mailbox === undefined)
      throw new AccountError('not-found', `no mailbox ${address.trim().toLowerCase()}`);
    return mailbox;
  }

  async function updateMailbox(address: string, changes: MailboxChanges): Promise<Mailbox> {
    const { ordinaryMailPolicy, forwardTo, ...fields } = changes;
    const patch = normalizeMailboxFields(fields);
    const mailbox = await requireMailbox(address);
    if (ordinaryMailPolicy === undefined) {
      if (forwardTo !== undefined)
        throw new AccountError('invalid', 'a forwarding address needs the policy forward');
      return storage.accounts.updateMailbox(mailbox.id, patch);
    }
    return storage.accounts.updateMailbox(mailbox.id, {
      ...patch,
      ...ordinaryMailPatch(mailbox, ordinaryMailPolicy, forwardTo),
    });
  }

  return {
    async addDomain(name, domainOptions = {}) {
      const domain = name.trim().toLowerCase();
      if (!isDomainName(domain)) {
        throw new AccountError(
          'invalid',
          `${JSON.stringify(name)} is not a domain name (e.g. pec.example.it)`,
        );
      }
      try {
        return await storage.accounts.addDomain({
          name: domain,
          ...(domainOptions.description === undefined ? {} : { description: domainOptions.description }),
        });
      } catch (error) {
        throw translated(error, `domain ${domain}`);
      }
    },

    async listDomains() {
      return storage.accounts.listDomains();
    },

    async createMailbox(request) {
      const { address, localPart, domain } = checkAddress(request.address);
      if (localPart === serviceLocalPart && request.allowServiceAddress !== true) {
        throw new AccountError(
          'invalid',
          `${serviceLocalPart}@… is reserved: PEC messages from it are the provider's own (pec-spec §2.1)`,
        );
      }
      checkPassword(request.password);
      const fields = normalizeMailboxFields({
        holderName: request.holderName ?? '',
        ...(request.taxCode === undefined ? {} : { taxCode: request.taxCode }),
        ...(request.contactEmail === undefined ? {} : { contactEmail: request.contactEmail }),
        ...(request.mobile === undefined ? {} : { mobile: request.mobile }),
        ...(request.plan === undefined ? {} : { plan: request.plan }),
        quotaBytes: request.quotaBytes ?? quotaDefault,
        ...(request.expiresAt === undefined ? {} : { expiresAt: request.expiresAt }),
      });
      if ((await storage.accounts.getDomain(domain)) === undefined) {
        throw new AccountError('not-found', `domain ${domain} is not served by this provider; add it first`);
      }
      if ((await storage.accounts.findMailboxByAddress(address)) !== undefined) {
        throw new AccountError('conflict', `mailbox ${address} exists`);
      }
      const reservation = await checkReservation(
        storage,
        address,
        fields.holderTaxCode ?? null,
        request.reuseReserved === true,
      );
      const term = await planTerm(storage, clock.now(), request, fields.plan ?? null);
      // Hash before the transaction: argon2 takes a while and must not hold the database lock.
      const passwordHash = await hashPassword(request.password);
      try {
        return await storage.transaction(async (tx) => {
          const mailbox = await tx.accounts.createMailbox({
            address,
            holderName: fields.holderName ?? '',
            holderTaxCode: fields.holderTaxCode ?? null,
            contactEmail: fields.contactEmail ?? null,
            mobile: fields.mobile ?? null,
            plan: term.plan,
            quotaBytes: term.quotaBytes ?? fields.quotaBytes ?? quotaDefault,
            status: 'active',
            activatedAt: term.activatedAt,
            expiresAt: fields.expiresAt ?? term.expiresAt,
            passwordHash,
          });
          // The former holder registers the address again (or the operator hands it over): it is no
          // longer reserved.
          if (reservation !== undefined) await tx.boxLife.releaseReservation(address);
          for (const folder of standardFolders) await tx.mailboxes.createFolder(mailbox.id, folder);
          return mailbox;
        });
      } catch (error) {
        throw translated(error, `mailbox ${address}`);
      }
    },

    async setPassword(address, password) {
      checkPassword(password);
      const mailbox = await requireMailbox(address);
      await storage.accounts.setPasswordHash(mailbox.id, await hashPassword(password));
    },

    async setOrdinaryMailPolicy(address, policy, forwardTo) {
      return updateMailbox(address, {
        ordinaryMailPolicy: policy,
        ...(forwardTo === undefined ? {} : { forwardTo }),
      });
    },

    updateMailbox,

    async listMailboxes(query) {
      return storage.accounts.listMailboxes(query);
    },

    async findMailbox(address) {
      return storage.accounts.findMailboxByAddress(address.trim());
    },

    async ensureServiceMailbox(value, providerName) {
      const { address, domain } = checkAddress(value);
      const existing = await storage.accounts.findMailboxByAddress(address);
      if (existing !== undefined) return existing;
      try {
        return await storage.transaction(async (tx) => {
          if ((await tx.accounts.getDomain(domain)) === undefined) {
            await tx.accounts.addDomain({ name: domain, description: `${providerName}: service domain` });
          }
          const mailbox = await tx.accounts.createMailbox({
            address,
            holderName: `${providerName}: casella di servizio`,
            quotaBytes: serviceMailboxQuotaBytes,
            ordinaryMailPolicy: 'reject',
            passwordHash: null,
          });
          for (const folder of standardFolders) await tx.mailboxes.createFolder(mailbox.id, folder);
          return mailbox;
        });
      } catch (error) {
        const winner = isStorageError(error, 'conflict')
          ? await storage.accounts.findMailboxByAddress(address)
          : undefined;
        if (winner !== undefined) return winner;
        throw translated(error, `mailbox ${address}`);
      }
    },
  };
}
