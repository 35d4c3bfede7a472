/**
 * ApiTokens over the ApiTokenStore (api-tokens.ts): random tokens, stored hashed, checked for
 * revocation and end on every request (create-token-life.ts), one bucket per token
 * (token-bucket.ts).
 */
import type { ApiTokenRecord, ApiTokenStore } from '../../ports/api-token-store.ts';
import type { Clock } from '../../ports/clock.ts';
import {
  apiScopes,
  apiTokenPrefix,
  type ApiScope,
  type ApiTokens,
  type ApiTokenSettings,
} from './api-tokens.ts';
import { createTokenBuckets } from './token-bucket.ts';
import { createTokenLife } from './create-token-life.ts';

export interface ApiTokensDependencies {
  readonly store: ApiTokenStore;
  readonly clock: Clock;
}

export function createApiTokens(deps: ApiTokensDependencies, settings: ApiTokenSettings): ApiTokens {
  const buckets = createTokenBuckets({ perMinute: settings.requestsPerMinute, capacity: settings.burst });
  const life = createTokenLife<ApiTokenRecord, ApiScope>({
    prefix: apiTokenPrefix,
    scopes: apiScopes,
    store: deps.store,
  });
  const tokenOf = (record: ApiTokenRecord) => ({ ...life.viewOf(record), address: record.address });
  return {
    async create(request) {
      const { secret, tokenHash } = life.mint();
      const now = deps.clock.now();
      const record = await deps.store.insert({
        tokenHash,
        mailboxId: request.mailboxId,
        address: request.address,
        name: request.name,
        scopes: [...new Set(request.scopes)],
        createdAt: now,
        expiresAt: life.endOf(now, request.expiresInDays),
      });
      return { secret, token: tokenOf(record) };
    },
    async authenticate(secret) {
      const now = deps.clock.now();
      const record = await life.findLive(secret, now);
      if (record === undefined) return undefined;
      await life.recordUse(record, now);
      return {
        tokenId: record.id,
        mailboxId: record.mailboxId,
        address: record.address,
        scopes: life.scopesOf(record),
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
