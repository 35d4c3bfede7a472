/**
 * PostmasterPanel over the account service and storage (decision 0021). Creation and the bulk
 * import apply the domain's defaults (its ordinary-mail policy) and refuse past its allowance;
 * a password change by the postmaster tells the holder through `notifyPasswordChange` (the
 * box-life notices: a copy in the box and a message to the contact address).
 */
import type { Mailbox } from '../../ports/account-store.ts';
import type { DomainSettings } from '../../ports/admin-store.ts';
import { defaultIncomingSettings } from '../../ports/incoming-settings-store.ts';
import type { Storage } from '../../ports/storage.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';
import { AccountError } from '../accounts/account-error.ts';
import type { AccountService } from '../accounts/create-account-service.ts';
import { parseMailboxAddress } from '../accounts/parse-mailbox-address.ts';
import { deviceLabel } from '../web-sessions/describe-user-agent.ts';
import { administersDomain, domainOfAddress, type AdminPrincipal } from './admin-principal.ts';
import { checkAdminPassword, generatedPassword } from './admin-principals.ts';
import { checkImportRows, readImportRows, type ImportReport } from './import-boxes.ts';
import { csvCell } from './parse-csv.ts';
import type {
  AdministeredDomain,
  BoxCard,
  BoxSummary,
  NewBoxRequest,
  PostmasterPanel,
} from './postmaster-panel.ts';

export interface PostmasterPanelDependencies {
  readonly accounts: AccountService;
  readonly storage: Pick<Storage, 'accounts' | 'admin' | 'accessLog' | 'plans' | 'boxLife'>;
  /** Tells the holder their password was changed by `by`; absent: nobody is told. */
  readonly notifyPasswordChange?: (mailbox: Mailbox, by: string) => Promise<void>;
  /** Boxes created at once by an import (argon2 hashing is the cost). Default 4. */
  readonly importConcurrency?: number;
  readonly clock?: Clock;
}

const accessHistoryLength = 20;

function summaryOf(mailbox: Mailbox): BoxSummary {
  return {
    address: mailbox.address,
    holderName: mailbox.holderName,
    status: mailbox.status,
    plan: mailbox.plan,
    quotaBytes: mailbox.quotaBytes,
    usedBytes: mailbox.usedBytes,
    expiresAt: mailbox.expiresAt,
    lastLoginAt: mailbox.lastLoginAt,
  };
}

function notFound(what: string): AccountError {
  return new AccountError('not-found', `no ${what}`);
}

export function createPostmasterPanel(deps: PostmasterPanelDependencies): PostmasterPanel {
  const { storage, accounts } = deps;
  const clock = deps.clock ?? systemClock;

  /** The domain, when the principal administers it and it exists; `not-found` otherwise. */
  async function requireDomain(principal: AdminPrincipal, name: string): Promise<string> {
    const domain = name.trim().toLowerCase();
    if (!administersDomain(principal, domain) || (await storage.accounts.getDomain(domain)) === undefined)
      throw notFound(`domain ${domain}`);
    return domain;
  }

  /** The box, when its domain is the principal's; `not-found` alike for a box elsewhere and none. */
  async function requireBox(principal: AdminPrincipal, address: string): Promise<Mailbox> {
    const domain = domainOfAddress(address);
    const mailbox =
      domain === undefined || !administersDomain(principal, domain)
        ? undefined
        : await storage.accounts.findMailboxByAddress(address);
    if (mailbox === undefined || mailbox.status === 'deleted')
      throw notFound(`box ${address.trim().toLowerCase()}`);
    return mailbox;
  }

  async function boxCount(domain: string): Promise<number> {
    const all = await storage.accounts.countMailboxes({ domain });
    const deleted = await storage.accounts.countMailboxes({ domain, status: 'deleted' });
    return all - deleted;
  }

  async function describeDomain(domain: string): Promise<AdministeredDomain> {
    const settings = await storage.admin.getDomainSettings(domain);
    return {
      name: domain,
      boxes: await boxCount(domain),
      boxAllowance: settings.boxAllowance,
      allowedPlans: settings.allowedPlans,
      ordinaryMailPolicy: settings.ordinaryMailPolicy ?? 'reject',
      antispam: settings.antispam ?? {
        enabled: defaultIncomingSettings.antispamEnabled,
        threshold: defaultIncomingSettings.spamThreshold,
        action: defaultIncomingSettings.spamAction,
      },
      antispamSet: settings.antispam !== null,
    };
  }

  async function remaining(domain: string): Promise<number | null> {
    const settings = await storage.admin.getDomainSettings(domain);
    if (settings.boxAllowance === null) return null;
    return Math.max(0, settings.boxAllowance - (await boxCount(domain)));
  }

  async function cardOf(mailbox: Mailbox): Promise<BoxCard> {
    const history = await storage.accessLog.list({ mailboxId: mailbox.id, limit: accessHistoryLength });
    return {
      ...summaryOf(mailbox),
      domain: mailbox.domain,
      holderTaxCode: mailbox.holderTaxCode,
      contactEmail: mailbox.contactEmail,
      mobile: mailbox.mobile,
      activatedAt: mailbox.activatedAt,
      createdAt: mailbox.createdAt,
      ordinaryMailPolicy: mailbox.ordinaryMailPolicy,
      accessHistory: history.map((entry) => ({
        at: entry.at,
        protocol: entry.protocol,
        outcome: entry.outcome,
        remoteAddress: entry.remoteAddress,
        device: entry.protocol === 'http' ? deviceLabel(entry.clientId) : entry.clientId,
      })),
    };
  }

  async function createOne(
    domain: string,
    settings: Pick<DomainSettings, 'ordinaryMailPolicy' | 'allowedPlans'>,
    request: NewBoxRequest,
  ) {
    const policy = settings.ordinaryMailPolicy;
    // The domain's allowance of plans (decision 0030): a box without a plan takes the first allowed one.
    const allowed = settings.allowedPlans;
    const plan = request.plan ?? allowed?.[0];
    if (allowed !== null && (plan === undefined || !allowed.includes(plan)))
      throw new AccountError(
        'conflict',
        `plan ${plan ?? '(none)'} is not in the allowance of ${domain}: ${allowed.join(', ')}`,
      );
    const parsed = parseMailboxAddress(request.address);
    if (parsed === undefined)
      throw new AccountError('invalid', `${JSON.stringify(request.address)} is not a mailbox address`);
    if (parsed.domain !== domain) throw new AccountError('invalid', `${parsed.address} is not on ${domain}`);
    if (request.holderName.trim() === '') throw new AccountError('invalid', 'the holder name is missing');
    const password = request.password ?? generatedPassword();
    const mailbox = await accounts.createMailbox({
      address: parsed.address,
      password,
      holderName: request.holderName,
      ...(request.taxCode === undefined ? {} : { taxCode: request.taxCode }),
      ...(request.contactEmail === undefined ? {} : { contactEmail: request.contactEmail }),
      ...(request.mobile === undefined ? {} : { mobile: request.mobile }),
      ...(plan === undefined ? {} : { plan }),
    });
    const made =
      policy === null || policy === 'forward' || policy === mailbox.ordinaryMailPolicy
        ? mailbox
        : await accounts.setOrdinaryMailPolicy(mailbox.address, policy);
    return { mailbox: made, password };
  }

  return {
    async domains(principal) {
      const names =
        principal.role === 'postmaster'
          ? principal.domains
          : (await storage.accounts.listDomains()).map((domain) => domain.name);
      const known = new Set((await storage.accounts.listDomains()).map((domain) => domain.name));
      return Promise.all(names.filter((name) => known.has(name)).map(describeDomain));
    },

    async search(principal, name, query) {
      const domain = await requireDomain(principal, name);
      const filter = {
        domain,
        ...(query.q === undefined || query.q.trim() === '' ? {} : { search: query.q.trim() }),
        ...(query.status === undefined ? {} : { status: query.status }),
      };
      if (query.minUsagePercent === undefined) {
        const boxes = await storage.accounts.listMailboxes({
          ...filter,
          limit: query.limit,
          offset: query.offset,
        });
        const total = await storage.accounts.countMailboxes(filter);
        return { boxes: boxes.filter((box) => box.status !== 'deleted').map(summaryOf), total };
      }
      const threshold = query.minUsagePercent;
      const all = (await storage.accounts.listMailboxes(filter)).filter(
        (box) =>
          box.status !== 'deleted' &&
          box.quotaBytes > 0 &&
          (box.usedBytes * 100) / box.quotaBytes >= threshold,
      );
      return {
        boxes: all.slice(query.offset, query.offset + query.limit).map(summaryOf),
        total: all.length,
      };
    },

    async card(principal, address) {
      return cardOf(await requireBox(principal, address));
    },

    async setPassword(principal, address, given) {
      const mailbox = await requireBox(principal, address);
      const password = given ?? generatedPassword();
      checkAdminPassword(password);
      await accounts.setPassword(mailbox.address, password);
      await deps.notifyPasswordChange?.(mailbox, principal.email);
      return password;
    },

    async create(principal, name, request) {
      const domain = await requireDomain(principal, name);
      const room = await remaining(domain);
      if (room !== null && room <= 0)
        throw new AccountError('conflict', `the allowance of boxes of ${domain} is used up`);
      const settings = await storage.admin.getDomainSettings(domain);
      const { mailbox, password } = await createOne(domain, settings, request);
      return { box: await cardOf(mailbox), password };
    },

    async setSuspended(principal, address, suspended) {
      const mailbox = await requireBox(principal, address);
      const from = suspended ? 'active' : 'suspended';
      if (mailbox.status !== from)
        throw new AccountError('conflict', `${mailbox.address} is ${mailbox.status}, not ${from}`);
      const changed = await accounts.updateMailbox(mailbox.address, {
        status: suspended ? 'suspended' : 'active',
      });
      return cardOf(changed);
    },

    async defaults(principal, name) {
      return describeDomain(await requireDomain(principal, name));
    },

    async setDefaults(principal, name, defaults) {
      const domain = await requireDomain(principal, name);
      if (defaults.ordinaryMailPolicy === 'forward')
        throw new AccountError('invalid', 'forwarding needs an address per box; choose reject or accept');
      const threshold = defaults.antispam?.threshold;
      if (threshold !== undefined && !(Number.isFinite(threshold) && threshold >= 0 && threshold <= 100))
        throw new AccountError('invalid', 'the spam threshold is a score from 0 to 100');
      await storage.admin.updateDomainSettings(
        domain,
        {
          ...(defaults.ordinaryMailPolicy === undefined
            ? {}
            : { ordinaryMailPolicy: defaults.ordinaryMailPolicy }),
          ...(defaults.antispam === undefined ? {} : { antispam: defaults.antispam }),
        },
        clock.now(),
      );
      return describeDomain(domain);
    },

    async usageCsv(principal, name) {
      const domain = await requireDomain(principal, name);
      const boxes = (await storage.accounts.listMailboxes({ domain })).filter(
        (box) => box.status !== 'deleted',
      );
      const header = 'address,holder,status,plan,quota_bytes,used_bytes,used_percent,expires_at,last_sign_in';
      const lines = boxes.map((box) =>
        [
          box.address,
          box.holderName,
          box.status,
          box.plan,
          box.quotaBytes,
          box.usedBytes,
          box.quotaBytes > 0 ? ((box.usedBytes * 100) / box.quotaBytes).toFixed(1) : '0.0',
          box.expiresAt?.toISOString() ?? null,
          box.lastLoginAt?.toISOString() ?? null,
        ]
          .map(csvCell)
          .join(','),
      );
      return `${[header, ...lines].join('\r\n')}\r\n`;
    },

    async importBoxes(principal, name, csv, dryRun) {
      const domain = await requireDomain(principal, name);
      const read = readImportRows(csv);
      if ('problem' in read) throw new AccountError('invalid', read.problem.message);
      const { allowedPlans } = await storage.admin.getDomainSettings(domain);
      const { good, bad } = await checkImportRows(read.rows, {
        domain,
        remaining: await remaining(domain),
        // Only the plans in the domain's allowance are known to its import.
        plans: new Set(
          (await storage.plans.list())
            .map((plan) => plan.name)
            .filter((plan) => allowedPlans === null || allowedPlans.includes(plan)),
        ),
        findMailbox: (address) => storage.accounts.findMailboxByAddress(address),
        findReservation: (address) => storage.boxLife.findReservation(address),
      });
      const report: ImportReport = {
        dryRun,
        domain,
        rows: read.rows.length,
        valid: good.length,
        bad,
        created: [],
      };
      if (dryRun) return report;
      const settings = await storage.admin.getDomainSettings(domain);
      const created: { line: number; address: string; password: string }[] = [];
      const failed = [...bad];
      let next = 0;
      const worker = async () => {
        for (let index = next++; index < good.length; index = next++) {
          const row = good[index];
          if (row === undefined) continue;
          try {
            const { mailbox, password } = await createOne(domain, settings, {
              address: row.address,
              holderName: row.holderName,
              ...(row.taxCode === undefined ? {} : { taxCode: row.taxCode }),
              ...(row.contactEmail === undefined ? {} : { contactEmail: row.contactEmail }),
              ...(row.mobile === undefined ? {} : { mobile: row.mobile }),
              ...(row.plan === undefined ? {} : { plan: row.plan }),
              ...(row.password === undefined ? {} : { password: row.password }),
            });
            created.push({ line: row.line, address: mailbox.address, password });
          } catch (error) {
            // A row another request took meanwhile: reported, the others go on.
            failed.push({
              line: row.line,
              address: row.address,
              problems: [
                { code: 'creation-failed', message: error instanceof Error ? error.message : String(error) },
              ],
            });
          }
        }
      };
      await Promise.all(Array.from({ length: deps.importConcurrency ?? 4 }, worker));
      created.sort((a, b) => a.line - b.line);
      failed.sort((a, b) => a.line - b.line);
      return { ...report, valid: created.length, bad: failed, created };
    },
  };
}
