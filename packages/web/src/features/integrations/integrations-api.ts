// The Integrations and mail-client settings' calls (/api/v1/tokens, /webhooks, /client-setup),
// their query keys, and the names the catalogues give scopes and event types.
import { useQuery } from '@tanstack/react-query';
import { json, request } from '../../api/client.ts';

export const apiScopes = ['messages:read', 'messages:send', 'receipts:read', 'webhooks:manage'] as const;
export type ApiScope = (typeof apiScopes)[number];

export const webhookEvents = [
  'message.accepted',
  'message.taken-in-charge',
  'message.delivered',
  'message.non-delivery',
  'message.timeout-12h',
  'message.timeout-24h',
  'message.virus',
  'message.received',
] as const;

/** Catalogue keys under `integrations.scopes` and `integrations.events` (no dots or colons). */
const scopeKeys: Readonly<Record<string, ScopeKey>> = {
  'messages:read': 'messagesRead',
  'messages:send': 'messagesSend',
  'receipts:read': 'receiptsRead',
  'webhooks:manage': 'webhooksManage',
};
export type ScopeKey = 'messagesRead' | 'messagesSend' | 'receiptsRead' | 'webhooksManage' | 'unknown';
export const scopeKey = (scope: string): ScopeKey => scopeKeys[scope] ?? 'unknown';

export type EventKey =
  | 'accepted'
  | 'takenInCharge'
  | 'delivered'
  | 'nonDelivery'
  | 'timeout12h'
  | 'timeout24h'
  | 'virus'
  | 'received'
  | 'test'
  | 'unknown';
export const eventKey = (type: string): EventKey =>
  (
    ({
      'message.accepted': 'accepted',
      'message.taken-in-charge': 'takenInCharge',
      'message.delivered': 'delivered',
      'message.non-delivery': 'nonDelivery',
      'message.timeout-12h': 'timeout12h',
      'message.timeout-24h': 'timeout24h',
      'message.virus': 'virus',
      'message.received': 'received',
      'webhook.test': 'test',
    }) as Readonly<Record<string, EventKey>>
  )[type] ?? 'unknown';

export interface ApiToken {
  id: number;
  name: string;
  scopes: ApiScope[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface WebhookEndpoint {
  id: number;
  url: string;
  events: string[];
  description: string | null;
  createdAt: string;
  enabled: boolean;
}

export interface WebhookDelivery {
  id: number;
  webhookId: string;
  type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  createdAt: string;
  nextAttemptAt: string;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}

export interface ClientServer {
  protocol: 'imap' | 'pop3' | 'smtp';
  host: string;
  port: number;
  security: 'tls' | 'starttls';
}

export interface ClientSetup {
  providerName: string;
  username: string;
  servers: ClientServer[];
}

export const integrationKeys = {
  tokens: ['integrations', 'tokens'] as const,
  webhooks: ['integrations', 'webhooks'] as const,
  deliveries: (id: number) => ['integrations', 'deliveries', id] as const,
  clientSetup: ['integrations', 'client-setup'] as const,
};

export const integrationsApi = {
  tokens: () => json<{ tokens: ApiToken[] }>('GET', '/tokens'),
  createToken: (body: { name: string; scopes: ApiScope[]; expiresInDays?: number }) =>
    json<ApiToken & { token: string }>('POST', '/tokens', body),
  revokeToken: async (id: number): Promise<void> => {
    await request('DELETE', `/tokens/${String(id)}`);
  },
  webhooks: () => json<{ webhooks: WebhookEndpoint[] }>('GET', '/webhooks'),
  createWebhook: (body: { url: string; events: string[]; description?: string }) =>
    json<WebhookEndpoint & { secret: string }>('POST', '/webhooks', body),
  setEnabled: (id: number, enabled: boolean) =>
    json<WebhookEndpoint>('PATCH', `/webhooks/${String(id)}`, { enabled }),
  deleteWebhook: async (id: number): Promise<void> => {
    await request('DELETE', `/webhooks/${String(id)}`);
  },
  sendTest: async (id: number): Promise<void> => {
    await request('POST', `/webhooks/${String(id)}/test`);
  },
  deliveries: (id: number) =>
    json<{ deliveries: WebhookDelivery[] }>('GET', `/webhooks/${String(id)}/deliveries`),
  replay: async (id: number, deliveryId: number): Promise<void> => {
    await request('POST', `/webhooks/${String(id)}/deliveries/${String(deliveryId)}/replay`);
  },
  clientSetup: () => json<ClientSetup>('GET', '/client-setup'),
};

export const useApiTokens = () =>
  useQuery({ queryKey: integrationKeys.tokens, queryFn: integrationsApi.tokens });
export const useWebhooks = () =>
  useQuery({ queryKey: integrationKeys.webhooks, queryFn: integrationsApi.webhooks });
export const useClientSetup = () =>
  useQuery({ queryKey: integrationKeys.clientSetup, queryFn: integrationsApi.clientSetup });
