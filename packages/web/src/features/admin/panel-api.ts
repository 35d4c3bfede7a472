// The postmaster panel's calls (/api/v1/admin/domains, /boxes) and their TanStack Query bindings.
import { useQuery } from '@tanstack/react-query';
import { apiBase } from '../../api/contract.ts';
import { json } from '../../api/client.ts';

export type BoxStatus = 'active' | 'suspended' | 'expired' | 'deleted';
export type OrdinaryMailPolicy = 'reject' | 'accept' | 'forward';

export interface AdministeredDomain {
  name: string;
  boxes: number;
  boxAllowance: number | null;
  ordinaryMailPolicy: OrdinaryMailPolicy;
  antispam: DomainAntispam;
  antispamSet: boolean;
}

/** The antispam choices of the domain's boxes whose holder never saved their own. */
export interface DomainAntispam {
  enabled: boolean;
  threshold: number;
  action: 'spam-folder' | 'refuse';
}

export interface BoxSummary {
  address: string;
  holderName: string;
  status: BoxStatus;
  plan: string | null;
  quotaBytes: number;
  usedBytes: number;
  expiresAt: string | null;
  lastLoginAt: string | null;
}

export interface BoxCard extends BoxSummary {
  domain: string;
  holderTaxCode: string | null;
  contactEmail: string | null;
  mobile: string | null;
  activatedAt: string | null;
  createdAt: string;
  ordinaryMailPolicy: OrdinaryMailPolicy;
  accessHistory: {
    at: string;
    protocol: string;
    outcome: string;
    remoteAddress: string;
    device: string | null;
  }[];
}

export interface NewBox {
  address: string;
  holderName: string;
  taxCode?: string;
  contactEmail?: string;
  mobile?: string;
  plan?: string;
}

export interface ImportReport {
  dryRun: boolean;
  domain: string;
  rows: number;
  valid: number;
  bad: { line: number; address: string; problems: { code: string; message: string }[] }[];
  created: { line: number; address: string; password: string }[];
}

export const panelKeys = {
  domains: ['admin', 'domains'] as const,
  boxes: (domain: string, q: string, status: string) => ['admin', 'boxes', domain, q, status] as const,
  box: (address: string) => ['admin', 'box', address] as const,
};

const domainPath = (domain: string) => `/admin/domains/${encodeURIComponent(domain)}`;
const boxPath = (address: string) => `/admin/boxes/${encodeURIComponent(address)}`;

export const panelApi = {
  domains: () => json<{ domains: AdministeredDomain[] }>('GET', '/admin/domains'),
  boxes: (domain: string, params: URLSearchParams) =>
    json<{ boxes: BoxSummary[]; total: number }>('GET', `${domainPath(domain)}/boxes?${params.toString()}`),
  box: (address: string) => json<BoxCard>('GET', boxPath(address)),
  setPassword: (address: string, password?: string) =>
    json<{ password: string }>(
      'POST',
      `${boxPath(address)}/password`,
      password === undefined ? {} : { password },
    ),
  setSuspended: (address: string, suspended: boolean) =>
    json<BoxCard>('POST', `${boxPath(address)}/suspension`, { suspended }),
  create: (domain: string, box: NewBox) =>
    json<{ box: BoxCard; password: string }>('POST', `${domainPath(domain)}/boxes`, box),
  import: (domain: string, csv: string, dryRun: boolean) =>
    json<ImportReport>('POST', `${domainPath(domain)}/boxes/import?dryRun=${String(dryRun)}`, { csv }),
  setDefaults: (domain: string, ordinaryMailPolicy: 'reject' | 'accept', antispam: DomainAntispam) =>
    json<AdministeredDomain>('PATCH', `${domainPath(domain)}/defaults`, { ordinaryMailPolicy, antispam }),
};

/** The usage report's URL: a plain download link (the administrative cookie goes with it). */
export const usageCsvUrl = (domain: string): string => `${apiBase}${domainPath(domain)}/usage.csv`;

export const useAdminDomains = () => useQuery({ queryKey: panelKeys.domains, queryFn: panelApi.domains });
