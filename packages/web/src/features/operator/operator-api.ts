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

const base = '/admin/operator';

export const operatorKeys = {
  health: ['operator', 'health'] as const,
  log: (msgid: string) => ['operator', 'log', msgid] as const,
  verification: ['operator', 'log', 'verification'] as const,
  queue: ['operator', 'queue'] as const,
  quarantine: ['operator', 'quarantine'] as const,
  domains: ['operator', 'domains'] as const,
  dns: (domain: string) => ['operator', 'dns', domain] as const,
};

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
};
