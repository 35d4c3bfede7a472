// The operator console's calls (/api/v1/admin/operator, decision 0022) and their query keys.
import { json, request } from '../../api/client.ts';

export interface HealthSummary {
  generatedAt: string;
  status: 'ok' | 'warning';
  warnings: string[];
  process: { uptimeSeconds: number | null; residentMemoryBytes: number | null };
  connectionsOpen: Record<string, number>;
  logins: Record<string, number>;
  submissions: Record<string, number>;
  receptions: Record<string, number>;
  jobsFailed: number;
  queue: { byStatus: Record<string, number>; oldestWaitingSeconds: number | null };
}

export interface LogEntry {
  seq: number;
  at: string;
  eventType: string;
  msgid: string;
  sender: string;
  recipients: string[];
  hash: string;
}

export interface LogVerification {
  ok: boolean;
  checked: number;
  stampedDays: number;
  firstFailure: { day: string; problem: string } | null;
}

export interface QueuedJob {
  id: number;
  kind: string;
  status: string;
  runAt: string;
  attempts: number;
  reference: string | null;
  recipients: string[];
  lastError: string | null;
}

export interface QuarantineRecord {
  id: string;
  sha256: string;
  size: number;
  identifier?: string;
  detectedAt: string;
  point: string;
  signature: string;
  sender: string;
  recipients: string[];
  retainUntil: string;
}

export interface ProviderDomain {
  name: string;
  description: string | null;
  createdAt: string;
}

export interface DnsRecord {
  name: string;
  type: string;
  value: string;
  note: string;
}

export type QueueAction = 'retry' | 'hold' | 'release';

export interface Postmaster {
  email: string;
  displayName: string;
  domains: string[];
  lastSignInAt: string | null;
  /** Since when the operator has disabled it; null: enabled. */
  disabledAt: string | null;
}

export interface Plan {
  name: string;
  description: string;
  boxQuotaBytes: number;
  archiveQuotaBytes: number;
  smsIncluded: boolean;
  durationMonths: number;
  priceCents: number;
}

export type PlanFields = Omit<Plan, 'name'>;

export interface OperatorBox {
  address: string;
  domain: string;
  holderName: string;
  holderTaxCode: string | null;
  contactEmail: string | null;
  mobile: string | null;
  plan: string | null;
  quotaBytes: number;
  usedBytes: number;
  status: string;
  activatedAt: string | null;
  expiresAt: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface BoxLife {
  state: 'active' | 'expired' | 'deactivated';
  expiresAt: string | null;
  deactivatesAt: string | null;
  deletesAt: string | null;
  extraQuotaBytes: number;
  autoRenew: boolean;
  canSend: boolean;
  receives: boolean;
}

export interface BoxOrder {
  id: number;
  kind: 'renewal' | 'extra-space' | 'plan-change';
  description: string;
  amountCents: number;
  status: 'open' | 'paid' | 'cancelled';
  createdAt: string;
}

export interface OperatorBoxCard {
  box: OperatorBox;
  life: BoxLife;
  orders: BoxOrder[];
}

export interface ProvidersIndex {
  ownEntry: string;
  providers: { name: string; mailReceipt: string; domains: string[]; certificates: number; own: boolean }[];
  file: string;
  lastChangedAt: string | null;
  refreshUrl: string | null;
}

export interface DomainAllowance {
  domain: string;
  boxes: number;
  boxAllowance: number | null;
  allowedPlans: string[] | null;
}

export type BoxChange =
  | { kind: 'status'; status: 'active' | 'suspended' }
  | { kind: 'renewal'; years: number }
  | { kind: 'space'; bytes: number }
  | { kind: 'plan'; plan: string };

const base = '/admin/operator';

export const operatorKeys = {
  health: ['operator', 'health'] as const,
  log: (msgid: string) => ['operator', 'log', msgid] as const,
  verification: ['operator', 'log', 'verification'] as const,
  queue: ['operator', 'queue'] as const,
  quarantine: ['operator', 'quarantine'] as const,
  domains: ['operator', 'domains'] as const,
  dns: (domain: string) => ['operator', 'dns', domain] as const,
  postmasters: ['operator', 'postmasters'] as const,
  plans: ['operator', 'plans'] as const,
  boxes: (search: string, domain: string, status: string) =>
    ['operator', 'boxes', search, domain, status] as const,
  box: (address: string) => ['operator', 'box', address] as const,
  index: ['operator', 'index'] as const,
  allowance: (domain: string) => ['operator', 'allowance', domain] as const,
};

const postmasterPath = (email: string) => `${base}/postmasters/${encodeURIComponent(email)}`;
const boxPath = (address: string) => `${base}/boxes/${encodeURIComponent(address)}`;

export const operatorApi = {
  health: () => json<HealthSummary>('GET', `${base}/health`),
  log: (msgid: string) =>
    json<LogEntry[]>(
      'GET',
      `${base}/log?${new URLSearchParams(msgid === '' ? { limit: '100' } : { msgid }).toString()}`,
    ),
  verify: () => json<LogVerification>('GET', `${base}/log/verification`),
  /** The URL a download link points at (the admin cookie goes with it). */
  extractUrl: (message: string, format: 'json' | 'pdf' | 'p7m') =>
    `/api/v1${base}/log/extract?${new URLSearchParams({ message, format }).toString()}`,
  queue: () => json<QueuedJob[]>('GET', `${base}/queue?limit=200`),
  steer: async (id: number, action: QueueAction) => {
    await request('POST', `${base}/queue/${String(id)}/${action}`);
  },
  quarantine: () =>
    json<{ records: QuarantineRecord[]; total: number }>('GET', `${base}/quarantine?limit=100`),
  domains: () => json<ProviderDomain[]>('GET', `${base}/domains`),
  dns: (domain: string) => json<DnsRecord[]>('GET', `${base}/domains/${encodeURIComponent(domain)}/dns`),
  quarantineRecord: (id: string) =>
    json<QuarantineRecord>('GET', `${base}/quarantine/${encodeURIComponent(id)}`),
  /** The download link of a quarantined message (admin only; the server keeps it on record). */
  quarantineExportUrl: (id: string) => `/api/v1${base}/quarantine/${encodeURIComponent(id)}/message.eml`,
  purgeQuarantine: () =>
    json<{ records: number; messages: number; kept: number }>('POST', `${base}/quarantine/purge`),
  postmasters: () => json<Postmaster[]>('GET', `${base}/postmasters`),
  addPostmaster: (body: { email: string; displayName?: string; domains: string[] }) =>
    json<{ postmaster: Postmaster; password: string }>('POST', `${base}/postmasters`, body),
  setPostmasterDomains: (email: string, domains: string[]) =>
    json<Postmaster>('PATCH', postmasterPath(email), { domains }),
  resetPostmasterPassword: (email: string) =>
    json<{ password: string }>('POST', `${postmasterPath(email)}/password`),
  setPostmasterDisabled: (email: string, disabled: boolean) =>
    json<Postmaster>('POST', `${postmasterPath(email)}/disabled`, { disabled }),
  removePostmaster: async (email: string) => {
    await request('DELETE', postmasterPath(email));
  },
  plans: () => json<Plan[]>('GET', `${base}/plans`),
  addPlan: (plan: Plan) => json<Plan>('POST', `${base}/plans`, plan),
  changePlan: (name: string, fields: PlanFields) =>
    json<Plan>('PATCH', `${base}/plans/${encodeURIComponent(name)}`, fields),
  boxes: (params: URLSearchParams) =>
    json<{ boxes: OperatorBox[]; total: number }>('GET', `${base}/boxes?${params.toString()}`),
  box: (address: string) => json<OperatorBoxCard>('GET', boxPath(address)),
  changeBox: (address: string, change: BoxChange) => {
    const { kind, ...body } = change;
    const path = kind === 'status' ? 'status' : kind === 'renewal' ? 'renewal' : kind;
    return json<{ box: OperatorBox; order: BoxOrder | null }>('POST', `${boxPath(address)}/${path}`, body);
  },
  index: () => json<ProvidersIndex>('GET', `${base}/index`),
  allowance: (domain: string) =>
    json<DomainAllowance>('GET', `${base}/domains/${encodeURIComponent(domain)}/allowance`),
  setAllowance: (domain: string, patch: { boxAllowance: number | null; allowedPlans: string[] | null }) =>
    json<DomainAllowance>('PATCH', `${base}/domains/${encodeURIComponent(domain)}/allowance`, patch),
  signedEntryUrl: `/api/v1${base}/index/own-entry.p7m`,
};
