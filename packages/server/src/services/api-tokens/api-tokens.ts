/**
 * A holder's API tokens, in no protocol's words: created for the holder's own mailbox with scopes
 * and an optional end, shown once (`pec_` + 256 random bits, base64url) and kept only as its
 * SHA-256 (a random token of that entropy needs no slow hash: nothing to guess); resolved to the
 * mailbox they act for; revoked by the holder or the operator; rate-limited per token.
 */

/** What a token may be allowed to do; a route names the one it needs. */
export const apiScopes = ['messages:read', 'messages:send', 'receipts:read', 'webhooks:manage'] as const;
export type ApiScope = (typeof apiScopes)[number];

/** Every token starts with it, so secret scanners and people recognise one. */
export const apiTokenPrefix = 'pec_';

/** A token as its holder sees it (never the secret after creation). */
export interface ApiToken {
  readonly id: number;
  readonly name: string;
  readonly address: string;
  readonly scopes: readonly ApiScope[];
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
}

/** The mailbox a live token acts for, and what it may do. */
export interface ApiTokenPrincipal {
  readonly tokenId: number;
  readonly mailboxId: number;
  readonly address: string;
  readonly scopes: readonly ApiScope[];
  readonly expiresAt: Date | null;
}

export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

export interface NewTokenRequest {
  readonly mailboxId: number;
  readonly address: string;
  readonly name: string;
  readonly scopes: readonly ApiScope[];
  /** Days from now; null: until revoked. */
  readonly expiresInDays: number | null;
}

export interface ApiTokens {
  /** Creates a token; `secret` is shown once and never again. */
  create(request: NewTokenRequest): Promise<{ readonly secret: string; readonly token: ApiToken }>;
  /** The live token `secret` names, or undefined (unknown, expired, revoked); records use. */
  authenticate(secret: string): Promise<ApiTokenPrincipal | undefined>;
  /** Takes one request from the token's bucket. */
  take(tokenId: number): RateDecision;
  /** One mailbox's tokens (every one when undefined), newest first. */
  list(mailboxId?: number): Promise<ApiToken[]>;
  /** Revokes token `id` (only of `mailboxId` when given); false when there is no live such token. */
  revoke(id: number, mailboxId?: number): Promise<boolean>;
}

export interface ApiTokenSettings {
  /** Sustained requests per minute per token. */
  readonly requestsPerMinute: number;
  /** Requests a token may make at once after a quiet spell (the bucket's size). */
  readonly burst: number;
}
