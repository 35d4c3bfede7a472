/**
 * AdminTokens (admin-tokens.ts) over the AdminTokenStore and AdminStore: random tokens stored
 * hashed, checked for revocation and end (the holders' create-token-life.ts), and for the
 * principal's existence and disabling, on every request, one bucket per token (the holders'
 * token-bucket.ts, the same limits).
 */
import type { AdminStore } from '../../ports/admin-store.ts';
import type { AdminTokenRecord, AdminTokenStore } from '../../ports/admin-token-store.ts';
import type { Clock } from '../../ports/clock.ts';
import { AccountError } from '../accounts/account-error.ts';
import type { ApiTokenSettings } from '../api-tokens/api-tokens.ts';
import { createTokenBuckets } from '../api-tokens/token-bucket.ts';
import { createTokenLife } from '../api-tokens/create-token-life.ts';
import { principalOf } from './admin-principal.ts';
import {
  adminTokenMaxDays,
  adminTokenPrefix,
  adminTokenScopes,
  tokenScopesOfRole,
  type AdminTokens,
  type AdminTokenScope,
} from './admin-tokens.ts';

export interface AdminTokensDependencies {
  readonly tokens: AdminTokenStore;
  readonly principals: Pick<AdminStore, 'getPrincipal'>;
  readonly clock: Clock;
}

export function createAdminTokens(deps: AdminTokensDependencies, settings: ApiTokenSettings): AdminTokens {
  const buckets = createTokenBuckets({ perMinute: settings.requestsPerMinute, capacity: settings.burst });
  const life = createTokenLife<AdminTokenRecord, AdminTokenScope>({
    prefix: adminTokenPrefix,
    scopes: adminTokenScopes,
    store: deps.tokens,
  });
  return {
    async create(principal, request) {
      const allowed = tokenScopesOfRole[principal.role];
      const scopes = [...new Set(request.scopes)];
      if (scopes.length === 0) throw new AccountError('invalid', 'a token needs at least one scope');
      const refused = scopes.filter((scope) => !allowed.includes(scope));
      if (refused.length > 0)
        throw new AccountError('invalid', `the role ${principal.role} may not hold ${refused.join(', ')}`);
      const days = request.expiresInDays;
      if (!Number.isInteger(days) || days < 1 || days > adminTokenMaxDays)
        throw new AccountError('invalid', `a token lasts 1 to ${String(adminTokenMaxDays)} days`);
      const name = request.name.trim();
      if (name === '') throw new AccountError('invalid', 'a token needs a name');
      const { secret, tokenHash } = life.mint();
      const now = deps.clock.now();
      const record = await deps.tokens.insert({
        tokenHash,
        principalId: principal.id,
        name,
        scopes,
        createdAt: now,
        expiresAt: life.endOf(now, days),
      });
      return { secret, token: life.viewOf(record) };
    },
    async authenticate(secret) {
      const now = deps.clock.now();
      const record = await life.findLive(secret, now);
      if (record === undefined) return undefined;
      const owner = await deps.principals.getPrincipal(record.principalId);
      if (owner === undefined || owner.disabledAt !== null) return undefined;
      await life.recordUse(record, now);
      // A scope the role lost since (none today) is not honoured.
      const allowed = tokenScopesOfRole[owner.role];
      return {
        tokenId: record.id,
        principal: principalOf(owner),
        scopes: life.scopesOf(record).filter((scope) => allowed.includes(scope)),
      };
    },
    take(tokenId) {
      return buckets.take(tokenId, deps.clock.now().getTime());
    },
    async list(principalId) {
      return (await deps.tokens.list(principalId)).map((record) => life.viewOf(record));
    },
    revoke(id, principalId) {
      return deps.tokens.revoke(id, principalId, deps.clock.now());
    },
  };
}
