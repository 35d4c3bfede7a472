/**
 * The statements the two bearer-token tables share (`api_tokens` of migrations/0014-integration.ts,
 * `admin_api_tokens` of migrations/0035-admin-tokens.ts): tokens keyed by their SHA-256, scopes
 * space-separated, revocation and last use as optional times. Each store names its table and its
 * owner column (a mailbox or an administrative principal) and maps its own owner fields.
 */
import { toDate, toMillis, type SqlContext } from './sql-context.ts';

/** The columns every token table has, whoever owns its tokens. */
export interface SqlTokenColumns {
  id: number;
  token_hash: string;
  name: string;
  scopes: string;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
}

/** The record fields every token store returns. */
export interface SqlTokenFields {
  readonly id: number;
  readonly tokenHash: string;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
}

export type NewSqlToken = Pick<SqlTokenFields, 'tokenHash' | 'name' | 'scopes' | 'createdAt' | 'expiresAt'>;

/** How a token table differs: its name, its owner column and how owner fields map to columns. */
export interface SqlTokenTableSpec<Row extends SqlTokenColumns, Owner> {
  readonly table: string;
  readonly ownerColumn: keyof Row & string;
  /** The owner columns of a new token. */
  readonly ownerColumnsOf: (owner: Owner) => Omit<Row, keyof SqlTokenColumns>;
  /** The owner fields of a record. */
  readonly ownerOf: (row: Row) => Owner;
}

export interface SqlTokenRows<Owner> {
  insert(token: NewSqlToken & Owner): Promise<SqlTokenFields & Owner>;
  findByHash(tokenHash: string): Promise<(SqlTokenFields & Owner) | undefined>;
  /** Newest first, revoked ones included; every owner's when `ownerId` is undefined. */
  list(ownerId: number | undefined): Promise<(SqlTokenFields & Owner)[]>;
  /** Revokes the live tokens matching `id` (all when undefined) and `ownerId` (any when undefined). */
  revoke(at: Date, id: number | undefined, ownerId: number | undefined): Promise<number>;
  /** Records use; never moves back. */
  touch(id: number, at: Date): Promise<void>;
}

/**
 * Every token table looks alike to Kysely: a name bound at run time and the shared columns; the
 * owner columns are reached through dynamic references and the spec's mappings.
 */
type TokenTables = Record<string, SqlTokenColumns>;

export function createSqlTokenRows<Row extends SqlTokenColumns, Owner>(
  ctx: SqlContext,
  spec: SqlTokenTableSpec<Row, Owner>,
): SqlTokenRows<Owner> {
  const db = ctx.db.withTables<TokenTables>();
  const { table } = spec;
  const owner = db.dynamic.ref<'id'>(spec.ownerColumn); // a number column, like id
  const recordOf = (row: SqlTokenColumns): SqlTokenFields & Owner => ({
    id: row.id,
    tokenHash: row.token_hash,
    ...spec.ownerOf(row as Row),
    name: row.name,
    scopes: row.scopes === '' ? [] : row.scopes.split(' '),
    createdAt: new Date(row.created_at),
    expiresAt: toDate(row.expires_at),
    revokedAt: toDate(row.revoked_at),
    lastUsedAt: toDate(row.last_used_at),
  });
  return {
    async insert(token) {
      const row = await db
        .insertInto(table)
        .values({
          token_hash: token.tokenHash,
          ...spec.ownerColumnsOf(token),
          name: token.name,
          scopes: token.scopes.join(' '),
          created_at: token.createdAt.getTime(),
          expires_at: toMillis(token.expiresAt),
          revoked_at: null,
          last_used_at: null,
        } as Omit<SqlTokenColumns, 'id'> as SqlTokenColumns)
        .returningAll()
        .executeTakeFirstOrThrow();
      return recordOf(row);
    },
    async findByHash(tokenHash) {
      const row = await db
        .selectFrom(table)
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row === undefined ? undefined : recordOf(row);
    },
    async list(ownerId) {
      let query = db.selectFrom(table).selectAll();
      if (ownerId !== undefined) query = query.where(owner, '=', ownerId);
      return (await query.orderBy('id', 'desc').execute()).map(recordOf);
    },
    async revoke(at, id, ownerId) {
      let query = db.updateTable(table).set({ revoked_at: at.getTime() });
      if (id !== undefined) query = query.where('id', '=', id);
      if (ownerId !== undefined) query = query.where(owner, '=', ownerId);
      const result = await query.where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async touch(id, at) {
      await db
        .updateTable(table)
        .set({ last_used_at: at.getTime() })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at.getTime())]))
        .execute();
    },
  };
}
