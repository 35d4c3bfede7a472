// The incoming-mail settings' calls (decision 0026) and their TanStack Query bindings.
import { useQuery } from '@tanstack/react-query';
import { json, request } from '../../api/client.ts';

export type OrdinaryPolicy = 'reject' | 'accept' | 'forward';
export interface SenderEntry {
  id: number;
  list: 'allow' | 'block';
  value: string;
}
export interface OrdinaryMail {
  policy: OrdinaryPolicy;
  forwardAddress: string | null;
  folder: string;
  allow: SenderEntry[];
  block: SenderEntry[];
}
export interface Antispam {
  enabled: boolean;
  threshold: number;
  action: 'spam-folder' | 'refuse';
  pecToSpamFolder: boolean;
  /** Read only: this provider scores mail; otherwise the choices are only kept. */
  filterActive?: boolean;
}

export const pecTypes = [
  'posta-certificata',
  'avvenuta-consegna',
  'accettazione',
  'presa-in-carico',
  'non-accettazione',
  'errore-consegna',
  'preavviso-errore-consegna',
  'rilevazione-virus',
  'anomalia',
  'ordinaria',
] as const;
export type PecType = (typeof pecTypes)[number];

export type Condition =
  | { field: 'sender' | 'recipient' | 'subject'; op: 'contains' | 'equals'; value: string }
  | { field: 'pec-type'; value: PecType }
  | { field: 'has-attachments'; value: boolean }
  | { field: 'size'; op: 'over' | 'under'; value: number };
export type Action =
  | { kind: 'move'; folder: string }
  | { kind: 'forward'; to: string }
  | { kind: 'mark-read' }
  | { kind: 'flag' }
  | { kind: 'stop' };
export interface RuleDefinition {
  name: string;
  enabled: boolean;
  match: 'all' | 'any';
  conditions: Condition[];
  actions: Action[];
}
export interface Rule extends RuleDefinition {
  id: number;
  position: number;
}

export const incomingKeys = {
  ordinary: ['incoming', 'ordinary'] as const,
  antispam: ['incoming', 'antispam'] as const,
  rules: ['incoming', 'rules'] as const,
};

export const incomingApi = {
  ordinary: () => json<OrdinaryMail>('GET', '/settings/ordinary-mail'),
  setOrdinary: (body: { policy: OrdinaryPolicy; forwardAddress?: string | null; folder?: string }) =>
    json<OrdinaryMail>('PATCH', '/settings/ordinary-mail', body),
  addSender: (list: 'allow' | 'block', value: string) =>
    json<SenderEntry>('POST', '/settings/senders', { list, value }),
  removeSender: async (id: number) => {
    await request('DELETE', `/settings/senders/${String(id)}`);
  },
  antispam: () => json<Antispam>('GET', '/settings/antispam'),
  setAntispam: (body: Antispam) => json<Antispam>('PATCH', '/settings/antispam', body),
  rules: () => json<{ rules: Rule[] }>('GET', '/settings/rules'),
  addRule: (rule: RuleDefinition) => json<Rule>('POST', '/settings/rules', rule),
  updateRule: (id: number, rule: RuleDefinition) =>
    json<Rule>('PATCH', `/settings/rules/${String(id)}`, rule),
  removeRule: async (id: number) => {
    await request('DELETE', `/settings/rules/${String(id)}`);
  },
  reorder: async (ids: number[]) => {
    await request('POST', '/settings/rules/order', { ids });
  },
};

/** Where the Sieve export downloads from (a plain link: the browser saves the file). */
export const sieveExportUrl = '/api/v1/settings/rules/sieve';

export const useOrdinaryMail = () =>
  useQuery({ queryKey: incomingKeys.ordinary, queryFn: incomingApi.ordinary });
export const useAntispam = () => useQuery({ queryKey: incomingKeys.antispam, queryFn: incomingApi.antispam });
export const useRules = () => useQuery({ queryKey: incomingKeys.rules, queryFn: incomingApi.rules });
