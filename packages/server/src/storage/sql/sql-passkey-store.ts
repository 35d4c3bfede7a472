/**
 * PasskeyStore on SQL (SQLite or PostgreSQL), tables `passkeys` and `webauthn_challenges` of
 * migrations/0026-passkeys-web-push.ts. A challenge is taken by a delete that returns it, and a
 * counter moves only from the value read, so two nodes cannot both accept one assertion.
 */
import type { Generated } from 'kysely';
import type { ChallengePurpose, PasskeyRecord, PasskeyStore } from '../../ports/passkey-store.ts';
import type { SqlContext } from './sql-context.ts';

interface PasskeyRow {
  id: number;
  mailbox_id: number;
  name: string;
  credential_id: string;
  public_key: string;
  counter: number;
  transports: string;
  user_handle: string;
  created_at: number;
  last_used_at: number | null;
}

type PasskeyTables = {
  passkeys: Omit<PasskeyRow, 'id'> & { id: Generated<number> };
  webauthn_challenges: { challenge: string; purpose: string; mailbox_id: number | null; expires_at: number };
};

function passkey(row: PasskeyRow): PasskeyRecord {
  return {
    id: row.id,
    mailboxId: row.mailbox_id,
    name: row.name,
    credentialId: row.credential_id,
    publicKey: row.public_key,
    counter: row.counter,
    transports: row.transports === '' ? [] : row.transports.split(','),
    userHandle: row.user_handle,
    createdAt: new Date(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
  };
}

export function createSqlPasskeyStore(ctx: SqlContext): PasskeyStore {
  const db = ctx.db.withTables<PasskeyTables>();
  return {
    async add(record) {
      const row = await db
        .insertInto('passkeys')
        .values({
          mailbox_id: record.mailboxId,
          name: record.name,
          credential_id: record.credentialId,
          public_key: record.publicKey,
          counter: record.counter,
          transports: record.transports.join(','),
          user_handle: record.userHandle,
          created_at: record.createdAt.getTime(),
          last_used_at: null,
        })
        .onConflict((oc) => oc.column('credential_id').doNothing())
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : passkey(row);
    },
    async list(mailboxId) {
      const rows = await db
        .selectFrom('passkeys')
        .selectAll()
        .where('mailbox_id', '=', mailboxId)
        .orderBy('id')
        .execute();
      return rows.map(passkey);
    },
    async findByCredentialId(credentialId) {
      const row = await db
        .selectFrom('passkeys')
        .selectAll()
        .where('credential_id', '=', credentialId)
        .executeTakeFirst();
      return row === undefined ? undefined : passkey(row);
    },
    async recordUse(id, expected, counter, at) {
      const result = await db
        .updateTable('passkeys')
        .set({ counter, last_used_at: at.getTime() })
        .where('id', '=', id)
        .where('counter', '=', expected)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async remove(mailboxId, id) {
      const result = await db
        .deleteFrom('passkeys')
        .where('mailbox_id', '=', mailboxId)
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async saveChallenge(challenge) {
      await db
        .insertInto('webauthn_challenges')
        .values({
          challenge: challenge.challenge,
          purpose: challenge.purpose,
          mailbox_id: challenge.mailboxId,
          expires_at: challenge.expiresAt.getTime(),
        })
        .execute();
    },
    async takeChallenge(challenge, now) {
      const row = await db
        .deleteFrom('webauthn_challenges')
        .where('challenge', '=', challenge)
        .returningAll()
        .executeTakeFirst();
      if (row === undefined || row.expires_at <= now.getTime()) return undefined;
      return {
        challenge: row.challenge,
        purpose: row.purpose as ChallengePurpose,
        mailboxId: row.mailbox_id === null ? null : row.mailbox_id,
        expiresAt: new Date(row.expires_at),
      };
    },
    async purgeChallenges(now) {
      const result = await db
        .deleteFrom('webauthn_challenges')
        .where('expires_at', '<=', now.getTime())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
