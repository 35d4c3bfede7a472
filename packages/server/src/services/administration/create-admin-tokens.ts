/**
 * AdminTokens (admin-tokens.ts) over the AdminTokenStore and AdminStore: random tokens stored
 * hashed, checked for revocation, end, and the principal's existence and disabling on every
 * request, one bucket per token (the holders' token-bucket.ts, the same limits).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AdminStore } from '../../ports/admin-store.ts';
import type { AdminTokenRecord, AdminTokenStore } from '../../ports/admin-token-store.ts';
import type { Clock } from '../../ports/clock.ts';
import { AccountError } from '../accounts/account-error.ts';
import type { ApiTokenSettings } from '../api-tokens/api-tokens.ts';
import { createTokenBuckets } from '../api-tokens/token-bucket.ts';
import { principalOf } from './admin-principal.ts';
import {
  adminTokenMaxDays,
  adminTokenPrefix,
  adminTokenScopes,
  tokenScopesOfRole,
  type AdminToken,
  type AdminTokens,
  type AdminTokenScope,
} from './admin-tokens.ts';

export interface AdminTokensDependencies {
  readonly tokens: AdminTokenStore;
  readonly principals: Pick<AdminStore, 'getPrincipal'>;
  readonly clock: Clock;
}

function hashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function isScope(scope: string): scope is AdminTokenScope {
  return (adminTokenScopes as readonly string[]).includes(scope);
}

function tokenOf(record: AdminTokenRecord): AdminToken {
  return {
    id: record.id,
    name: record.name,
    scopes: record.scopes.filter(isScope),
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
    revokedAt: record.revokedAt,
    lastUsedAt: record.lastUsedAt,
  };
}

/** Use is written at most this often per token. */
const touchEveryMs = 60_000;

export function createAdminTokens(deps: AdminTokensDependencies, settings: ApiTokenSettings): AdminTokens {
  const buckets = createTokenBuckets({ perMinute: settings.requestsPerMinute, capacity: settings.burst });
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
      const secret = `${adminTokenPrefix}${randomBytes(32).toString('base64url')}`;
      const now = deps.clock.now();
      const record = await deps.tokens.insert({
        tokenHash: hashOf(secret),
        principalId: principal.id,
        name,
        scopes,
        createdAt: now,
        expiresAt: new Date(now.getTime() + days * 86_400_000),
      });
      return { secret, token: tokenOf(record) };
    },
    async authenticate(secret) {
      if (!secret.startsWith(adminTokenPrefix)) return undefined;
      const record = await deps.tokens.findByHash(hashOf(secret));
      const now = deps.clock.now();
      if (record === undefined || record.revokedAt !== null) return undefined;
      if (record.expiresAt !== null && record.expiresAt.getTime() <= now.getTime()) return undefined;
      const owner = await deps.principals.getPrincipal(record.principalId);
      if (owner === undefined || owner.disabledAt !== null) return undefined;
      if (record.lastUsedAt === null || now.getTime() - record.lastUsedAt.getTime() >= touchEveryMs)
        await deps.tokens.touch(record.id, now);
      // A scope the role lost since (none today) is not honoured.
      const allowed = tokenScopesOfRole[owner.role];
      return {
        tokenId: record.id,
        principal: principalOf(owner),
        scopes: record.scopes.filter(isScope).filter((scope) => allowed.includes(scope)),
      };
    },
    take(tokenId) {
      return buckets.take(tokenId, deps.clock.now().getTime());
    },
    async list(principalId) {
      return (await deps.tokens.list(principalId)).map(tokenOf);
    },
    revoke(id, principalId) {
      return deps.tokens.revoke(id, principalId, deps.clock.now());
    },
  };
}
