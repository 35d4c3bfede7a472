/**
 * `pec mailbox rules ADDRESS` as an operator runs it (decision 0026): the real bin/pec.js on a
 * temporary data folder prints the holder's rules as a Sieve script, or JSON, and refuses an
 * unknown mailbox.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openProvider } from '../../src/app/open-provider.ts';
import { runPec } from '../e2e/run-pec.ts';

const domain = 'pec.cli-rules.localhost';
const address = `mario@${domain}`;

describe('pec mailbox rules (decision 0026)', { timeout: 300_000 }, () => {
  let dir: string;
  let data: string;
  const env = { ...process.env, PEC_DATA: '' };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-rules-cli-'));
    data = join(dir, 'data');
    const init = await runPec(
      ['init', '--domain', domain, '--provider-name', 'Rules PEC', '--data', data],
      env,
    );
    assert.equal(init.code, 0, init.stderr);
    const add = await runPec(
      ['mailbox', 'add', address, '--password', 'correct horse battery', '--data', data],
      env,
    );
    assert.equal(add.code, 0, add.stderr);
    const ctx = await openProvider({ dataDir: data });
    try {
      const mailbox = await ctx.storage.accounts.findMailboxByAddress(address);
      assert.ok(mailbox);
      await ctx.storage.incoming.addRule(mailbox.id, {
        name: 'Ricevute di consegna',
        enabled: true,
        match: 'all',
        conditions: [{ field: 'pec-type', value: 'avvenuta-consegna' }],
        actions: [{ kind: 'move', folder: 'Ricevute' }, { kind: 'mark-read' }],
      });
    } finally {
      await ctx.close();
    }
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('prints the Sieve export and the JSON, refuses an unknown mailbox', async () => {
    const sieve = await runPec(['mailbox', 'rules', address, '--data', data], env);
    assert.equal(sieve.code, 0, sieve.stderr);
    assert.match(sieve.stdout, /^# Rules on incoming messages of mario@pec\.cli-rules\.localhost\n/);
    assert.match(
      sieve.stdout,
      /# Ricevute di consegna\nif header :is "X-Ricevuta" "avvenuta-consegna" \{\n {2}addflag "\\\\Seen";\n {2}fileinto "Ricevute";\n\}\n$/,
    );
    const json = await runPec(['mailbox', 'rules', address, '--json', '--data', data], env);
    assert.equal(json.code, 0, json.stderr);
    const rules = JSON.parse(json.stdout) as { name: string; position: number }[];
    assert.deepEqual(
      rules.map((r) => [r.name, r.position]),
      [['Ricevute di consegna', 0]],
    );
    const unknown = await runPec(['mailbox', 'rules', `nobody@${domain}`, '--data', data], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no mailbox nobody@/);
  });
});
