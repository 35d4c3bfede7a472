/**
 * ApiTokens over the ApiTokenStore (api-tokens.ts): random tokens, stored hashed, checked for
 * revocation and end on every request, one bucket per token (token-bucket.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ApiTokenRecord, ApiTokenStore } from '../../ports/api-token-store.ts';
import type { Clock } from '../../ports/clock.ts';
import {
  apiScopes,
  apiTokenPrefix,
  type ApiScope,
  type ApiToken,
  type ApiTokens,
  type ApiTokenSettings,
} from './api-tokens.ts';
import { createTokenBuckets } from './token-bucket.ts';

export interface ApiTokensDependencies {
  readonly store: ApiTokenStore;
  readonly clock: Clock;
}

function hashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function isScope(scope: string): scope is ApiScope {
  return (apiScopes as readonly string[]).includes(scope);
}

function tokenOf(record: ApiTokenRecord): ApiToken {
  return {
    id: record.id,
    name: record.name,
    address: record.address,
    scopes: record.scopes.filter(isScope),
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
    revokedAt: record.revokedAt,
    lastUsedAt: record.lastUsedAt,
  };
}

/** Use is written at most this often per token. */
const touchEveryMs = 60_000;

export function createApiTokens(deps: ApiTokensDependencies, settings: ApiTokenSettings): ApiTokens {
  const buckets = createTokenBuckets({ perMinute: settings.requestsPerMinute, capacity: settings.burst });
  return {
    async create(request) {
      const secret = `${apiTokenPrefix}${randomBytes(32).toString('base64url')}`;
      const now = deps.clock.now();
      const days = request.expiresInDays;
      const record = await deps.store.insert({
        tokenHash: hashOf(secret),
        mailboxId: request.mailboxId,
        address: request.address,
        name: request.name,
        scopes: [...new Set(request.scopes)],
        createdAt: now,
        expiresAt: days === null ? null : new Date(now.getTime() + days * 86_400_000),
      });
      return { secret, token: tokenOf(record) };
    },
    async authenticate(secret) {
      if (!secret.startsWith(apiTokenPrefix)) return undefined;
      const record = await deps.store.findByHash(hashOf(secret));
      const now = deps.clock.now();
      if (record === undefined || record.revokedAt !== null) return undefined;
      if (record.expiresAt !== null && record.expiresAt.getTime() <= now.getTime()) return undefined;
      if (record.lastUsedAt === null || now.getTime() - record.lastUsedAt.getTime() >= touchEveryMs)
        await deps.store.touch(record.id, now);
      return {
        tokenId: record.id,
        mailboxId: record.mailboxId,
        address: record.address,
        scopes: record.scopes.filter(isScope),
        expiresAt: record.expiresAt,
      };
    },
    take(tokenId) {
      return buckets.take(tokenId, deps.clock.now().getTime());
    },
    async list(mailboxId) {
      return (await deps.store.list(mailboxId)).map(tokenOf);
    },
    revoke(id, mailboxId) {
      return deps.store.revoke(id, deps.clock.now(), mailboxId);
    },
  };
}
