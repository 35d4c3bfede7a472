/**
 * API tokens of operators and postmasters (decision 0042), in no protocol's words: created by the
 * principal for itself with scopes its role may hold and an end (at most a year), shown once
 * (`pecadm_` + 256 random bits, base64url) and kept only as its SHA-256; resolved to the principal
 * they act for, read afresh on each request (a disabled or removed principal's tokens stop at once,
 * a postmaster's domains are today's); revoked one by one, or all at once by a password reset;
 * rate-limited per token.
 */
import type { AdminRole } from '../../ports/admin-store.ts';
import type { RateDecision } from '../api-tokens/api-tokens.ts';
import type { AdminPrincipal } from './admin-principal.ts';

/**
 * `admin:read` answers the GET routes, `admin:manage` the ones that change something,
 * `admin:message-contents` the few that return a message's bytes. A route's roles still apply.
 */
export const adminTokenScopes = ['admin:read', 'admin:manage', 'admin:message-contents'] as const;
export type AdminTokenScope = (typeof adminTokenScopes)[number];

/**
 * The scopes a role's token may be given: what the role may do at all. Support and the auditor
 * change nothing and never read message contents (decision 0022); postmasters see no message.
 */
export const tokenScopesOfRole: Readonly<Record<AdminRole, readonly AdminTokenScope[]>> = {
  admin: ['admin:read', 'admin:manage', 'admin:message-contents'],
  support: ['admin:read'],
  auditor: ['admin:read'],
  postmaster: ['admin:read', 'admin:manage'],
};

/** Every administrative token starts with it (the holders' start with `pec_`). */
export const adminTokenPrefix = 'pecadm_';
/** The longest life a token may be given, in days. */
export const adminTokenMaxDays = 365;

export interface AdminToken {
  readonly id: number;
  readonly name: string;
  readonly scopes: readonly AdminTokenScope[];
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
}

/** Who a live token acts for, and what it may do. */
export interface AdminTokenGrant {
  readonly tokenId: number;
  readonly principal: AdminPrincipal;
  readonly scopes: readonly AdminTokenScope[];
}

export interface NewAdminTokenRequest {
  readonly name: string;
  readonly scopes: readonly AdminTokenScope[];
  /** Days from now, 1 to adminTokenMaxDays. */
  readonly expiresInDays: number;
}

export interface AdminTokens {
  /**
   * Creates a token of `principal`; `secret` is shown once. Throws AccountError `invalid` for a
   * scope the role may not hold, no scope, or an end out of range.
   */
  create(
    principal: AdminPrincipal,
    request: NewAdminTokenRequest,
  ): Promise<{ readonly secret: string; readonly token: AdminToken }>;
  /** The live token `secret` names, of a principal neither removed nor disabled; records use. */
  authenticate(secret: string): Promise<AdminTokenGrant | undefined>;
  /** Takes one request from the token's bucket. */
  take(tokenId: number): RateDecision;
  /** The principal's tokens, newest first. */
  list(principalId: number): Promise<AdminToken[]>;
  /** Revokes the principal's token `id`; false when there is no live such token. */
  revoke(id: number, principalId: number): Promise<boolean>;
}
