/**
 * What a holder's API token and an administrative token share (api-tokens.ts, admin-tokens.ts):
 * a random secret behind an owner's prefix, shown once and stored as its SHA-256 only; an end in
 * whole days; a token is live until revoked or ended; use is written at most once a minute.
 */
import { createHash, randomBytes } from 'node:crypto';

/** The stored fields the life of a token reads. */
export interface TokenLifeRecord {
  readonly id: number;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
}

/** The fields a token's owner sees, scopes narrowed to the known ones. */
export interface TokenView<Scope extends string> {
  readonly id: number;
  readonly name: string;
  readonly scopes: readonly Scope[];
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
}

export interface TokenLife<Record extends TokenLifeRecord, Scope extends string> {
  /** A new secret (shown once) and the hash that is stored instead. */
  mint(): { readonly secret: string; readonly tokenHash: string };
  /** The end of a token made at `now` lasting `days` (null: none). */
  endOf(now: Date, days: number | null): Date | null;
  /** The record of a secret when it carries the prefix and is neither revoked nor ended at `now`. */
  findLive(secret: string, now: Date): Promise<Record | undefined>;
  /** Writes the use at `now` unless it was written less than a minute ago. */
  recordUse(record: Record, now: Date): Promise<void>;
  /** The scopes the service knows, in stored order. */
  scopesOf(record: Record): Scope[];
  viewOf(record: Record): TokenView<Scope>;
}

export interface TokenLifeSettings<Record, Scope extends string> {
  /** What every secret of this kind starts with, so a secret tells which kind it is. */
  readonly prefix: string;
  readonly scopes: readonly Scope[];
  readonly store: {
    findByHash(tokenHash: string): Promise<Record | undefined>;
    touch(id: number, at: Date): Promise<void>;
  };
}

/** Use is written at most this often per token. */
const touchEveryMs = 60_000;
const dayMs = 86_400_000;

function hashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function createTokenLife<Record extends TokenLifeRecord, Scope extends string>(
  settings: TokenLifeSettings<Record, Scope>,
): TokenLife<Record, Scope> {
  const { prefix, store } = settings;
  const known: readonly string[] = settings.scopes;
  const isScope = (scope: string): scope is Scope => known.includes(scope);
  const scopesOf = (record: Record): Scope[] => record.scopes.filter(isScope);
  return {
    mint() {
      const secret = `${prefix}${randomBytes(32).toString('base64url')}`;
      return { secret, tokenHash: hashOf(secret) };
    },
    endOf(now, days) {
      return days === null ? null : new Date(now.getTime() + days * dayMs);
    },
    async findLive(secret, now) {
      if (!secret.startsWith(prefix)) return undefined;
      const record = await store.findByHash(hashOf(secret));
      if (record === undefined || record.revokedAt !== null) return undefined;
      if (record.expiresAt !== null && record.expiresAt.getTime() <= now.getTime()) return undefined;
      return record;
    },
    async recordUse(record, now) {
      if (record.lastUsedAt === null || now.getTime() - record.lastUsedAt.getTime() >= touchEveryMs)
        await store.touch(record.id, now);
    },
    scopesOf,
    viewOf(record) {
      return {
        id: record.id,
        name: record.name,
        scopes: scopesOf(record),
        createdAt: record.createdAt,
        expiresAt: record.expiresAt,
        revokedAt: record.revokedAt,
        lastUsedAt: record.lastUsedAt,
      };
    },
  };
}
