/**
 * The operator console's routes (decision 0022) against a real provider over HTTP, for every
 * operator route and every principal: admin may use all of them; support reads metadata and changes
 * nothing; auditor reads the log register only; a postmaster and the holder's own session get 404 or
 * 401 everywhere; each call and each denial is in the audit trail with its role and outcome. No
 * answer to any role carries the words of a message body. The log extract downloads as JSON, PDF and
 * a .p7m that `openssl cms -verify` accepts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AdminRole } from '../../src/ports/admin-store.ts';
import { createAdminPrincipals } from '../../src/services/administration/admin-principals.ts';
import { createSharedQuarantine } from '../../src/services/quarantine/create-shared-quarantine.ts';
import { domain, holders, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';

type Caller = AdminRole | 'anonymous' | 'holder';

interface RouteCase {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** A function when the path names something made in `before` (the quarantine record). */
  readonly path: string | (() => string);
  readonly body?: unknown;
  /** The audit trail's action name. */
  readonly action: string;
  readonly roles: readonly AdminRole[];
  /** What admin (or the first allowed role) gets. */
  readonly status: number;
}

const secret = 'zafferano-segreto-del-corpo';
const eicarMessage = 'Subject: x\r\n\r\nEICAR quarantined body\r\n';
const postmasterEmail = 'pm@studio.example';
const extra = `studio-rossi.${domain}`;

const readers: AdminRole[] = ['admin', 'support'];
const admin: AdminRole[] = ['admin'];
const log: AdminRole[] = ['admin', 'auditor'];
const op = '/api/v1/admin/operator';
let quarantineId = '';

/** In order: writes follow the reads, each one's effect is what the next expects. */
const routes: RouteCase[] = [
  { method: 'GET', path: `${op}/health`, action: 'health.read', roles: readers, status: 200 },
  { method: 'GET', path: `${op}/index`, action: 'index.read', roles: readers, status: 200 },
  { method: 'GET', path: `${op}/index/own-entry.p7m`, action: 'index.export', roles: admin, status: 200 },
  { method: 'GET', path: `${op}/domains`, action: 'domain.list', roles: readers, status: 200 },
  { method: 'GET', path: `${op}/domains/${domain}/dns`, action: 'domain.dns', roles: readers, status: 200 },
  {
    method: 'GET',
    path: `${op}/domains/${domain}/allowance`,
    action: 'domain.allowance.read',
    roles: readers,
    status: 200,
  },
  { method: 'GET', path: `${op}/postmasters`, action: 'postmaster.list', roles: readers, status: 200 },
  { method: 'GET', path: `${op}/plans`, action: 'plan.list', roles: readers, status: 200 },
  { method: 'GET', path: `${op}/boxes?search=mario`, action: 'box.search', roles: readers, status: 200 },
  { method: 'GET', path: `${op}/boxes/${holders.mario}`, action: 'box.card', roles: readers, status: 200 },
  { method: 'GET', path: `${op}/queue?all=true`, action: 'queue.list', roles: readers, status: 200 },
  { method: 'GET', path: `${op}/quarantine`, action: 'quarantine.list', roles: readers, status: 200 },
  {
    method: 'GET',
    path: () => `${op}/quarantine/${quarantineId}`,
    action: 'quarantine.show',
    roles: readers,
    status: 200,
  },
  {
    method: 'GET',
    path: () => `${op}/quarantine/${quarantineId}/message.eml`,
    action: 'quarantine.export',
    roles: admin,
    status: 200,
  },
  { method: 'GET', path: `${op}/log?sender=${holders.anna}`, action: 'log.search', roles: log, status: 200 },
  { method: 'GET', path: `${op}/log/verification`, action: 'log.verify', roles: log, status: 200 },
  {
    method: 'GET',
    path: `${op}/log/extract?from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&mailbox=${holders.anna}`,
    action: 'log.extract',
    roles: log,
    status: 200,
  },
  {
    method: 'POST',
    path: `${op}/domains`,
    body: { name: extra, description: 'Studio Rossi' },
    action: 'domain.add',
    roles: admin,
    status: 201,
  },
  {
    method: 'POST',
    path: `${op}/postmasters`,
    body: { email: postmasterEmail, domains: [extra] },
    action: 'postmaster.add',
    roles: admin,
    status: 201,
  },
  {
    method: 'PATCH',
    path: `${op}/postmasters/${postmasterEmail}`,
    body: { domains: [extra, domain] },
    action: 'postmaster.domains',
    roles: admin,
    status: 200,
  },
  {
    method: 'POST',
    path: `${op}/postmasters/${postmasterEmail}/password`,
    action: 'postmaster.password',
    roles: admin,
    status: 200,
  },
  {
    method: 'DELETE',
    path: `${op}/postmasters/${postmasterEmail}`,
    action: 'postmaster.remove',
    roles: admin,
    status: 204,
  },
  { method: 'DELETE', path: `${op}/domains/${extra}`, action: 'domain.remove', roles: admin, status: 200 },
  {
    method: 'POST',
    path: `${op}/plans`,
    body: {
      name: 'base',
      description: 'Base',
      boxQuotaBytes: 1_000_000_000,
      durationMonths: 12,
      priceCents: 500,
    },
    action: 'plan.add',
    roles: admin,
    status: 201,
  },
  {
    method: 'PATCH',
    path: `${op}/plans/base`,
    body: { priceCents: 600 },
    action: 'plan.change',
    roles: admin,
    status: 200,
  },
  {
    method: 'PATCH',
    path: `${op}/domains/${domain}/allowance`,
    body: { boxAllowance: 1000, allowedPlans: ['base'] },
    action: 'domain.allowance',
    roles: admin,
    status: 200,
  },
  {
    method: 'POST',
    path: `${op}/boxes/${holders.carla}/plan`,
    body: { plan: 'base' },
    action: 'box.plan',
    roles: admin,
    status: 200,
  },
  {
    method: 'POST',
    path: `${op}/boxes/${holders.carla}/renewal`,
    body: { years: 1 },
    action: 'box.renew',
    roles: admin,
    status: 409, // no expiry date yet: refused, and recorded so
  },
  {
    method: 'POST',
    path: `${op}/boxes/${holders.carla}/space`,
    body: { bytes: 1_000_000_000 },
    action: 'box.space',
    roles: admin,
    status: 200,
  },
  {
    method: 'POST',
    path: `${op}/boxes/${holders.bruno}/status`,
    body: { status: 'suspended' },
    action: 'box.status',
    roles: admin,
    status: 200,
  },
  { method: 'POST', path: `${op}/queue/999999/retry`, action: 'queue.steer', roles: admin, status: 404 },
  { method: 'POST', path: `${op}/quarantine/purge`, action: 'quarantine.purge', roles: admin, status: 200 },
  {
    method: 'POST',
    path: `${op}/quarantine/nope/release`,
    action: 'quarantine.release',
    roles: admin,
    status: 404,
  },
  {
    method: 'POST',
    path: `${op}/quarantine/nope/delete`,
    action: 'quarantine.delete',
    roles: admin,
    status: 404,
  },
];

describe(
  'operator console API: roles, denials in the audit trail, no message contents',
  { timeout: 300_000 },
  () => {
    let provider: ApiProvider;
    const cookies = new Map<Caller, string>();

    function call(method: string, path: string, cookie?: string, body?: unknown) {
      return fetch(`${provider.base}${path}`, {
        method,
        headers: {
          ...(cookie === undefined ? {} : { cookie }),
          ...(method === 'GET' ? {} : { 'x-pec-request': '1' }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          'user-agent': 'operator-console-test',
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    }

    async function lastAudit() {
      const [entry] = await provider.ctx.storage.auditTrail.search({ limit: 1 });
      assert.ok(entry !== undefined);
      return entry;
    }

    before(async () => {
      provider = await startApiProvider();
      await provider.deliverPec(holders.anna, holders.mario, 'Ricorso', secret);
      const principals = createAdminPrincipals({
        store: provider.ctx.storage.admin,
        accounts: provider.ctx.storage.accounts,
      });
      const password = 'una password lunga per operatori';
      for (const role of ['admin', 'support', 'auditor', 'postmaster'] as const) {
        const email = `${role}@ops.example.it`;
        await principals.add({
          email,
          role,
          password,
          ...(role === 'postmaster' ? { domains: [domain] } : {}),
        });
        const response = await call('POST', '/api/v1/admin/session', undefined, { email, password });
        assert.equal(response.status, 204, await response.text());
        cookies.set(role, (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '');
      }
      cookies.set('holder', await signIn(provider.base, holders.mario));
      const { ctx } = provider;
      const quarantined = await createSharedQuarantine({
        records: ctx.storage.quarantine,
        blobs: ctx.blobs,
        isBlobReferenced: (key) => ctx.storage.mailboxes.isBlobReferenced(key),
        retentionMonths: 30,
        clock: ctx.clock,
      }).put(Buffer.from(eicarMessage), {
        point: 'reception',
        signature: 'Eicar-Test-Signature',
        sender: 'mittente@altro-gestore.example.it',
        recipients: [holders.bruno],
      });
      quarantineId = quarantined.id;
    });
    after(async () => {
      await provider.close();
    });

    it('each route: allowed roles get their answer, every other caller 404 (401 unsigned), all on record', async () => {
      const callers: Caller[] = ['postmaster', 'auditor', 'support', 'holder', 'anonymous', 'admin'];
      for (const route of routes) {
        for (const caller of callers) {
          const allowed = caller !== 'holder' && caller !== 'anonymous' && route.roles.includes(caller);
          // Writes run once, by admin, after every refusal.
          if (allowed && caller !== 'admin' && route.method !== 'GET') continue;
          const path = typeof route.path === 'string' ? route.path : route.path();
          const response = await call(route.method, path, cookies.get(caller), route.body);
          const text = await response.text();
          const where = `${caller} ${route.method} ${path}: ${text.slice(0, 300)}`;
          assert.ok(!text.includes(secret), `message contents in the answer to ${where}`);
          const entry = await lastAudit();
          if (allowed) {
            assert.equal(response.status, route.status, where);
            assert.equal(entry.action, route.action, where);
            assert.equal(entry.actor, `${caller}@ops.example.it`, where);
            assert.equal(entry.outcome, route.status < 400 ? 'done' : 'refused', where);
          } else if (caller === 'anonymous' || caller === 'holder') {
            // No administrative session (the holder's cookie is not one).
            assert.equal(response.status, 401, where);
            assert.deepEqual(
              [entry.actor, entry.outcome, entry.action],
              ['anonymous', 'denied', route.action],
              where,
            );
          } else {
            assert.equal(response.status, 404, where);
            assert.deepEqual(
              [entry.actor, entry.role, entry.outcome, entry.action, entry.detail],
              [`${caller}@ops.example.it`, caller, 'denied', route.action, `role ${caller} may not`],
              where,
            );
            assert.equal(entry.userAgent, 'operator-console-test');
          }
        }
      }
      // The changes admin made are in force: bruno suspended, carla on plan base.
      assert.equal(
        (await provider.ctx.storage.accounts.findMailboxByAddress(holders.bruno))?.status,
        'suspended',
      );
      assert.equal((await provider.ctx.storage.accounts.findMailboxByAddress(holders.carla))?.plan, 'base');
    });

    it("the holder's message routes refuse every operator cookie: no sub-role reads contents", async () => {
      for (const role of ['admin', 'support', 'auditor'] as const) {
        const response = await call('GET', '/api/v1/folders', cookies.get(role));
        assert.equal(response.status, 401, role);
      }
    });

    it('quarantine: support sees the record, never the message; admin exports it byte-exact as a download', async () => {
      const shown = await call('GET', `${op}/quarantine/${quarantineId}`, cookies.get('support'));
      assert.equal(shown.status, 200);
      const record = (await shown.json()) as { signature: string };
      assert.equal(record.signature, 'Eicar-Test-Signature');
      assert.ok(!JSON.stringify(record).includes('EICAR quarantined body'));
      const exported = await call(
        'GET',
        `${op}/quarantine/${quarantineId}/message.eml`,
        cookies.get('admin'),
      );
      assert.equal(exported.status, 200);
      assert.equal(exported.headers.get('content-type'), 'application/octet-stream');
      assert.match(
        exported.headers.get('content-disposition') ?? '',
        /^attachment; filename="quarantine-.+\.eml"$/,
      );
      assert.equal(await exported.text(), eicarMessage);
      const missing = await call('GET', `${op}/quarantine/nope`, cookies.get('admin'));
      assert.equal(missing.status, 404);
      assert.equal((await lastAudit()).outcome, 'refused');
    });

    it('postmasters: the domains are replaced, an unknown domain or an operator refused', async () => {
      const email = 'pm2@studio.example';
      const added = await call('POST', `${op}/postmasters`, cookies.get('admin'), {
        email,
        domains: [domain],
      });
      assert.equal(added.status, 201);
      const unknown = await call('PATCH', `${op}/postmasters/${email}`, cookies.get('admin'), {
        domains: ['nowhere.example'],
      });
      assert.equal(unknown.status, 404);
      const empty = await call('PATCH', `${op}/postmasters/${email}`, cookies.get('admin'), { domains: [] });
      assert.equal(empty.status, 400);
      const operator = await call('PATCH', `${op}/postmasters/support@ops.example.it`, cookies.get('admin'), {
        domains: [domain],
      });
      assert.equal(operator.status, 404);
      const list = (await (await call('GET', `${op}/postmasters`, cookies.get('support'))).json()) as {
        email: string;
        domains: string[];
      }[];
      assert.deepEqual(list.find((p) => p.email === email)?.domains, [domain]);
    });

    it("a domain's allowance of plans: the postmaster's new box takes an allowed plan, another is refused", async () => {
      // The route test above allowed only plan base on the domain.
      const allowance = (await (
        await call('GET', `${op}/domains/${domain}/allowance`, cookies.get('support'))
      ).json()) as { allowedPlans: string[] | null; boxAllowance: number | null; boxes: number };
      assert.deepEqual([allowance.allowedPlans, allowance.boxAllowance], [['base'], 1000]);
      const boxes = `/api/v1/admin/domains/${domain}/boxes`;
      const refused = await call('POST', boxes, cookies.get('postmaster'), {
        address: `nuova@${domain}`,
        holderName: 'Nuova Casella',
        plan: 'standard',
      });
      assert.equal(refused.status, 409);
      assert.match(await refused.text(), /not in the allowance/);
      const made = await call('POST', boxes, cookies.get('postmaster'), {
        address: `nuova@${domain}`,
        holderName: 'Nuova Casella',
      });
      assert.equal(made.status, 201, await made.text());
      assert.equal(
        (await provider.ctx.storage.accounts.findMailboxByAddress(`nuova@${domain}`))?.plan,
        'base',
      );
      const unknown = await call('PATCH', `${op}/domains/${domain}/allowance`, cookies.get('admin'), {
        allowedPlans: ['nessuno'],
      });
      assert.equal(unknown.status, 404);
      const reset = await call('PATCH', `${op}/domains/${domain}/allowance`, cookies.get('admin'), {
        allowedPlans: null,
        boxAllowance: null,
      });
      assert.deepEqual(((await reset.json()) as { allowedPlans: unknown }).allowedPlans, null);
    });

    it('domains: adding one answers the DNS records to publish (MX, RFC 6186 SRV, autoconfig)', async () => {
      const response = await call('GET', `${op}/domains/${domain}/dns`, cookies.get('support'));
      const records = (await response.json()) as { type: string; name: string }[];
      assert.ok(records.some((r) => r.type === 'MX' && r.name === `${domain}.`));
      assert.ok(records.some((r) => r.type === 'SRV' && r.name.startsWith('_imaps._tcp.')));
    });

    it('the log extract downloads as JSON, PDF and a .p7m that openssl cms verifies', async () => {
      const query = `message=${encodeURIComponent('<nothing@here>')}`;
      const json = await call('GET', `${op}/log/extract?${query}`, cookies.get('auditor'));
      assert.equal(json.status, 200);
      assert.equal(json.headers.get('content-type'), 'application/json');
      assert.deepEqual(((await json.json()) as { entries: unknown[] }).entries, []);
      const period = `from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&mailbox=${holders.mario}`;
      const p7m = await call('GET', `${op}/log/extract?${period}&format=p7m`, cookies.get('auditor'));
      assert.equal(p7m.status, 200);
      assert.match(p7m.headers.get('content-disposition') ?? '', /log-extract\.pdf\.p7m/);
      const file = join(provider.dir, 'extract.pdf.p7m');
      await writeFile(file, Buffer.from(await p7m.arrayBuffer()));
      const verified = spawnSync(
        'openssl',
        [
          'cms',
          '-verify',
          '-inform',
          'DER',
          '-binary',
          '-in',
          file,
          '-CAfile',
          join(provider.dir, 'certs/ca.pem'),
          '-out',
          `${file}.pdf`,
        ],
        { encoding: 'utf8' },
      );
      assert.equal(verified.status, 0, verified.stderr);
      const pdf = await call('GET', `${op}/log/extract?${period}&format=pdf`, cookies.get('admin'));
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.equal(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
        '%PDF-',
      );
      const bad = await call('GET', `${op}/log/extract?from=2020-01-01T00:00:00Z`, cookies.get('admin'));
      assert.equal(bad.status, 400);
    });
  },
);
