// The statement cache: one prepare per SQL text, a fresh statement when the cached one is busy
// iterating, and a bounded size.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { cacheStatements } from './cache-statements.ts';

function counted(): { database: BetterSqlite3.Database; prepared: () => number } {
  const database = new BetterSqlite3(':memory:');
  database.exec('create table t (n integer)');
  database.exec('insert into t values (1), (2), (3)');
  let count = 0;
  const prepare = database.prepare.bind(database);
  database.prepare = (sql: string) => {
    count += 1;
    return prepare(sql);
  };
  return { database, prepared: () => count };
}

describe('cacheStatements', () => {
  it('prepares a SQL text once and reuses its statement', () => {
    const { database, prepared } = counted();
    const cached = cacheStatements(database);
    for (let i = 0; i < 5; i += 1) {
      assert.deepEqual(cached.prepare('select n from t where n = ?').all([2]), [{ n: 2 }]);
    }
    assert.equal(prepared(), 1);
    cached.close();
  });

  it('prepares a fresh statement while the cached one is still iterating', () => {
    const { database, prepared } = counted();
    const cached = cacheStatements(database);
    const sql = 'select n from t order by n';
    const outer: unknown[] = [];
    for (const row of cached.prepare(sql).iterate([])) {
      outer.push(row);
      assert.equal(cached.prepare(sql).all([]).length, 3);
    }
    assert.equal(outer.length, 3);
    assert.equal(prepared(), 4);
    cached.close();
  });

  it('keeps at most its capacity, dropping the least recently used text', () => {
    const { database, prepared } = counted();
    const cached = cacheStatements(database, 2);
    cached.prepare('select 1');
    cached.prepare('select 2');
    cached.prepare('select 1');
    cached.prepare('select 3'); // drops 'select 2', used least recently
    assert.equal(prepared(), 3);
    cached.prepare('select 1');
    cached.prepare('select 3');
    assert.equal(prepared(), 3);
    cached.prepare('select 2');
    assert.equal(prepared(), 4);
    cached.close();
  });
});
