/**
 * What the operator console's routes (decision 0022) need, built by the composition root
 * (app/operator-api-dependencies.ts): the log register, the outbox, the quarantine, the health
 * summary, the providers' index, domains, postmasters, plans and boxes. Every member is a service
 * or a narrow function over one; none returns message contents.
 */
import type { LegalLogEntry, LegalLogQuery } from '../../../../../ports/legal-log.ts';
import type { MailboxQuery, ProviderDomain } from '../../../../../ports/account-store.ts';
import type {
  DomainAllowance,
  DomainAllowancePatch,
} from '../../../../../services/administration/domain-allowance.ts';
import type { AdminPrincipals } from '../../../../../services/administration/admin-principals.ts';
import type { AccountService } from '../../../../../services/accounts/create-account-service.ts';
import type { BoxLife } from '../../../../../services/box-life/create-box-life.ts';
import type { LogExtractSelection } from '../../../../../services/log-register/extract-log.ts';
import type { LogExtractFiles } from '../../../../../services/log-register/export-log-extract.ts';
import type { LogVerification } from '../../../../../services/log-register/verify-log-timestamps.ts';
import type { HealthSummary } from '../../../../../services/operator-console/summarize-metrics.ts';
import type { QueuedJobSummary } from '../../../../../services/pipeline/relay/describe-queued-job.ts';
import type { QueuedJobsQuery } from '../../../../../services/pipeline/relay/list-queued-jobs.ts';
import type { QueueAction, SteerResult } from '../../../../../services/pipeline/relay/steer-queued-job.ts';
import type { WebhookDesk } from '../../../../../services/webhooks/create-webhook-desk.ts';
import type { QuarantineDeskDependencies } from '../../../../../services/quarantine/quarantine-desk.ts';

export interface DnsRecordView {
  readonly name: string;
  readonly type: string;
  readonly value: string;
  readonly note: string;
}

export interface ProvidersIndexView {
  /** This provider's own record, LDIF (pec-spec §7.2). */
  readonly ownEntry: string;
  readonly providers: readonly {
    readonly name: string;
    readonly mailReceipt: string;
    readonly domains: readonly string[];
    readonly certificates: number;
    readonly own: boolean;
  }[];
  /** The local copy's file and when it last changed (a refresh or an import writes it). */
  readonly file: string;
  readonly lastChangedAt: string | null;
  readonly refreshUrl: string | null;
}

export interface OperatorApiDependencies {
  readonly log: {
    search(query: LegalLogQuery): Promise<LegalLogEntry[]>;
    verify(): Promise<LogVerification>;
    extract(selection: LogExtractSelection): Promise<LogExtractFiles>;
  };
  readonly queue: {
    list(query: QueuedJobsQuery): Promise<QueuedJobSummary[]>;
    steer(id: number, action: QueueAction): Promise<SteerResult>;
  };
  readonly quarantine: () => Promise<QuarantineDeskDependencies>;
  readonly health: () => Promise<HealthSummary>;
  readonly providersIndex: {
    view(): Promise<ProvidersIndexView>;
    /** The own record signed with the provider key (DER .p7m, pec-spec §7.3). */
    signedOwnEntry(): Promise<Uint8Array>;
  };
  readonly domains: {
    list(): Promise<ProviderDomain[]>;
    add(
      name: string,
      description: string | undefined,
    ): Promise<{ domain: ProviderDomain; indexUpdated: boolean }>;
    /** Refused (AccountError conflict) while boxes use it, unless `force`. */
    remove(name: string, force: boolean): Promise<{ readonly mailboxesDeleted: number }>;
    dns(name: string): Promise<DnsRecordView[]>;
    allowance(name: string): Promise<DomainAllowance>;
    setAllowance(name: string, patch: DomainAllowancePatch): Promise<DomainAllowance>;
  };
  readonly postmasters: AdminPrincipals;
  readonly accounts: AccountService;
  /** How many boxes a search matches, for paging. */
  countBoxes(query: Omit<MailboxQuery, 'limit' | 'offset'>): Promise<number>;
  readonly boxLife: BoxLife;
  /** Every holder's webhook endpoints, their delivery logs and replays. */
  readonly webhooks: WebhookDesk;
}
