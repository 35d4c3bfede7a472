// The bulk import of the postmaster panel over a real listener: 1,000 rows with 20 bad ones, the
// dry run names exactly those 20 (with the reason of each) and creates nothing, the import then
// creates the 980 others, and a sample of them signs in over IMAPS with Python's imaplib; rows
// past the domain's allowance are refused as such.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAccountService } from '../../src/services/accounts/create-account-service.ts';
import { password, startApiProvider, type ApiProvider } from './api-provider.ts';
import { addPrincipal, adminCall, adminSignIn } from './admin-helpers.ts';
import { importFixture } from './admin-import-csv.ts';

const domainC = 'studio-verdi.api.localhost';
const taken = [`esistente1@${domainC}`, `esistente2@${domainC}`, `esistente3@${domainC}`];
const reserved = `riservata@${domainC}`;

interface Report {
  dryRun: boolean;
  rows: number;
  valid: number;
  bad: { line: number; address: string; problems: { code: string }[] }[];
  created: { line: number; address: string; password: string }[];
}

let provider: ApiProvider;
let cookie: string;

function imapLogins(pairs: readonly (readonly [string, string])[]): Promise<boolean[]> {
  const port = provider.running.addresses.find((a) => a.name === 'imaps')?.port;
  assert.ok(port !== undefined);
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [
      join(import.meta.dirname, 'imap-logins.py'),
      'localhost',
      String(port),
      join(provider.dir, 'certs', 'ca.pem'),
    ]);
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(out) as boolean[]);
      else reject(new Error(`imap-logins.py exited ${String(code)}: ${err}`));
    });
    child.stdin.end(JSON.stringify(pairs));
  });
}

before(async () => {
  provider = await startApiProvider();
  const { ctx } = provider;
  const accounts = createAccountService({ storage: ctx.storage, clock: ctx.clock });
  await accounts.addDomain(domainC);
  for (const address of taken) await accounts.createMailbox({ address, password, holderName: 'Esistente' });
  await ctx.storage.boxLife.reserveAddress({
    address: reserved,
    holderTaxCode: 'BNCLRA70A41F205Z',
    reservedAt: ctx.clock.now(),
  });
  await ctx.storage.admin.updateDomainSettings(
    domainC,
    { boxAllowance: taken.length + 980 },
    ctx.clock.now(),
  );
  await addPrincipal(ctx, 'pm-c@studio.example', 'postmaster', [domainC]);
  cookie = await adminSignIn(provider.base, 'pm-c@studio.example');
});
after(() => provider.close());

void describe('bulk import from CSV', { timeout: 900_000 }, () => {
  const fixture = importFixture(domainC, 1000, taken, reserved);

  void it('names exactly the 20 bad rows in the dry run and creates nothing', async () => {
    assert.equal(fixture.bad.size, 20);
    const response = await adminCall(
      provider.base,
      cookie,
      'POST',
      `/api/v1/admin/domains/${domainC}/boxes/import?dryRun=true`,
      {
        csv: fixture.csv,
      },
    );
    const text = await response.text();
    assert.equal(response.status, 200, text);
    const report = JSON.parse(text) as Report;
    assert.equal(report.dryRun, true);
    assert.equal(report.rows, 1000);
    assert.equal(report.valid, 980);
    assert.deepEqual(
      report.bad.map((row) => row.line),
      [...fixture.bad.keys()],
    );
    for (const row of report.bad)
      assert.ok(
        row.problems.some((problem) => problem.code === fixture.bad.get(row.line)),
        `line ${String(row.line)}: ${JSON.stringify(row.problems)} should include ${fixture.bad.get(row.line) ?? ''}`,
      );
    assert.deepEqual(report.created, []);
    assert.equal(await provider.ctx.storage.accounts.countMailboxes({ domain: domainC }), taken.length);
  });

  void it('creates the 980 good rows, which sign in over IMAP', async () => {
    const response = await adminCall(
      provider.base,
      cookie,
      'POST',
      `/api/v1/admin/domains/${domainC}/boxes/import`,
      {
        csv: fixture.csv,
      },
    );
    const text = await response.text();
    assert.equal(response.status, 200, text);
    const report = JSON.parse(text) as Report;
    assert.equal(report.created.length, 980);
    assert.deepEqual(
      report.created.map((made) => made.address),
      fixture.good,
    );
    assert.equal(report.bad.length, 20);
    assert.equal(await provider.ctx.storage.accounts.countMailboxes({ domain: domainC }), taken.length + 980);
    const holder = await provider.ctx.storage.accounts.findMailboxByAddress(`casella0010@${domainC}`);
    assert.ok(holder !== undefined);
    assert.equal(holder.holderName, 'Rossi, Mario 0010');
    assert.equal(holder.contactEmail, 'titolare0010@example.org');
    const sample = [0, 1, 250, 499, 733, 979].map((index) => report.created[index]);
    const pairs = sample.map((made) => [made?.address ?? '', made?.password ?? ''] as const);
    assert.deepEqual(await imapLogins([...pairs, [pairs[0]?.[0] ?? '', 'not the password']]), [
      true,
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
    // The allowance is now used up: one more row is refused as such.
    const more = await adminCall(
      provider.base,
      cookie,
      'POST',
      `/api/v1/admin/domains/${domainC}/boxes/import?dryRun=true`,
      {
        csv: `address,holder name\r\nancora@${domainC},Ancora\r\n`,
      },
    );
    const extra = (await more.json()) as Report;
    assert.deepEqual(
      extra.bad.map((row) => row.problems.map((p) => p.code)),
      [['over-allowance']],
    );
  });

  void it('refuses a file without a header naming the columns', async () => {
    const response = await adminCall(
      provider.base,
      cookie,
      'POST',
      `/api/v1/admin/domains/${domainC}/boxes/import?dryRun=true`,
      {
        csv: `x@${domainC},Someone\r\n`,
      },
    );
    assert.equal(response.status, 400);
  });
});
