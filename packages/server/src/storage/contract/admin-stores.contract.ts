/**
 * Contract of the administration stores for every adapter (decision 0021): principals found by
 * email with their domains, unique emails, unknown domains refused, removal taking the sessions
 * along; sessions kept by hash, touched, purged when ended or idle; domain settings defaulting to
 * nothing and patched field by field; the audit trail appended and searched newest first by text,
 * actor, domain, outcome and period with a cursor.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { isStorageError } from '../../ports/storage-error.ts';
import type { Storage } from '../../ports/storage.ts';
import { withStorage, type StorageHarness } from './storage-harness.ts';

const at = (seconds: number): Date => new Date(Date.UTC(2026, 11, 7) + seconds * 1000);

async function domainNamed(storage: Storage, prefix: string): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString('hex')}.pec.example.it`;
  await storage.accounts.addDomain({ name });
  return name;
}

export function describeAdminStores(name: string, harness: StorageHarness): void {
  void describe(`Administration stores contract (${name})`, () => {
    void it('keeps principals with their domains, refuses duplicates and unknown domains', () =>
      withStorage(harness, async (storage) => {
        const a = await domainNamed(storage, 'a');
        const b = await domainNamed(storage, 'b');
        const postmaster = await storage.admin.createPrincipal({
          email: 'Rossi@Studio.example',
          role: 'postmaster',
          displayName: 'Studio Rossi',
          passwordHash: '$argon2id$x',
          domains: [b, a],
          createdAt: at(0),
        });
        assert.equal(postmaster.email, 'rossi@studio.example');
        assert.deepEqual(postmaster.domains, [a, b].sort());
        assert.deepEqual(await storage.admin.findPrincipal('ROSSI@studio.example'), postmaster);
        assert.deepEqual(await storage.admin.getPrincipal(postmaster.id), postmaster);
        await assert.rejects(
          storage.admin.createPrincipal({ ...postmaster, domains: [], passwordHash: null }),
          (error) => isStorageError(error, 'conflict'),
        );
        await assert.rejects(
          storage.admin.createPrincipal({
            email: 'x@studio.example',
            role: 'postmaster',
            displayName: '',
            passwordHash: null,
            domains: ['nowhere.example'],
            createdAt: at(0),
          }),
          (error) => isStorageError(error, 'not-found'),
        );
        assert.equal(await storage.admin.findPrincipal('x@studio.example'), undefined);
        const narrowed = await storage.admin.setPrincipalDomains(postmaster.id, [b]);
        assert.deepEqual(narrowed.domains, [b]);
        assert.deepEqual((await storage.admin.getPrincipal(postmaster.id))?.domains, [b]);
        await assert.rejects(
          storage.admin.setPrincipalDomains(postmaster.id, [a, 'nowhere.example']),
          (error) => isStorageError(error, 'not-found'),
        );
        assert.deepEqual((await storage.admin.getPrincipal(postmaster.id))?.domains, [b]);
        await assert.rejects(storage.admin.setPrincipalDomains(999_999, [a]), (error) =>
          isStorageError(error, 'not-found'),
        );
        const operator = await storage.admin.createPrincipal({
          email: 'ops@provider.example',
          role: 'auditor',
          displayName: '',
          passwordHash: null,
          domains: [],
          createdAt: at(1),
        });
        assert.deepEqual(
          (await storage.admin.listPrincipals('auditor')).map((p) => p.email),
          ['ops@provider.example'],
        );
        await storage.admin.setPasswordHash(operator.id, '$argon2id$y');
        await storage.admin.setTotpSecret(operator.id, 'JBSWY3DPEHPK3PXP');
        await storage.admin.recordSignIn(operator.id, at(5));
        const changed = await storage.admin.getPrincipal(operator.id);
        assert.ok(changed !== undefined);
        assert.equal(changed.passwordHash, '$argon2id$y');
        assert.equal(changed.totpSecret, 'JBSWY3DPEHPK3PXP');
        assert.deepEqual(changed.lastSignInAt, at(5));
        await assert.rejects(storage.admin.setPasswordHash(999_999, 'h'), (error) =>
          isStorageError(error, 'not-found'),
        );
      }));

    void it('keeps sessions by hash, touches, purges ended and idle ones, removes them with the principal', () =>
      withStorage(harness, async (storage) => {
        const principal = await storage.admin.createPrincipal({
          email: `s-${randomBytes(3).toString('hex')}@provider.example`,
          role: 'admin',
          displayName: '',
          passwordHash: null,
          domains: [],
          createdAt: at(0),
        });
        const session = {
          idHash: randomBytes(32).toString('hex'),
          principalId: principal.id,
          createdAt: at(0),
          lastSeenAt: at(0),
          expiresAt: at(3600),
          userAgent: 'Firefox',
          remoteAddress: '127.0.0.1',
          secondFactorPending: false,
        };
        await storage.admin.insertSession(session);
        await storage.admin.insertSession({ ...session, idHash: 'b'.repeat(64), secondFactorPending: true });
        assert.deepEqual(await storage.admin.findSession(session.idHash), session);
        assert.equal((await storage.admin.findSession('b'.repeat(64)))?.secondFactorPending, true);
        await storage.admin.touchSession(session.idHash, at(60));
        await storage.admin.touchSession(session.idHash, at(30));
        assert.deepEqual((await storage.admin.findSession(session.idHash))?.lastSeenAt, at(60));
        // Idle since before 61 s: only the untouched one goes.
        assert.equal(await storage.admin.purgeSessions(at(100), at(61)), 2);
        await storage.admin.insertSession(session);
        assert.equal(await storage.admin.purgeSessions(at(100), at(0)), 0);
        assert.equal(await storage.admin.removePrincipal(principal.id), true);
        assert.equal(await storage.admin.findSession(session.idHash), undefined);
        assert.equal(await storage.admin.removePrincipal(principal.id), false);
      }));

    void it('keeps per-domain settings, patched field by field', () =>
      withStorage(harness, async (storage) => {
        const domain = await domainNamed(storage, 'settings');
        assert.deepEqual(await storage.admin.getDomainSettings(domain), {
          domain,
          boxAllowance: null,
          ordinaryMailPolicy: null,
          allowedPlans: null,
          antispam: null,
        });
        await storage.admin.updateDomainSettings(domain, { boxAllowance: 10 }, at(0));
        const both = await storage.admin.updateDomainSettings(
          domain,
          { ordinaryMailPolicy: 'accept' },
          at(1),
        );
        assert.deepEqual(both, {
          domain,
          boxAllowance: 10,
          ordinaryMailPolicy: 'accept',
          allowedPlans: null,
          antispam: null,
        });
        assert.deepEqual(await storage.admin.getDomainSettings(domain), both);
        await storage.admin.updateDomainSettings(domain, { boxAllowance: null }, at(2));
        assert.equal((await storage.admin.getDomainSettings(domain)).boxAllowance, null);
        const plans = await storage.admin.updateDomainSettings(
          domain,
          { allowedPlans: ['pro', 'base'] },
          at(3),
        );
        assert.deepEqual(plans.allowedPlans, ['base', 'pro']);
        assert.deepEqual((await storage.admin.getDomainSettings(domain)).allowedPlans, ['base', 'pro']);
        await storage.admin.updateDomainSettings(domain, { boxAllowance: 3 }, at(4));
        assert.deepEqual((await storage.admin.getDomainSettings(domain)).allowedPlans, ['base', 'pro']);
        await storage.admin.updateDomainSettings(domain, { allowedPlans: null }, at(5));
        assert.equal((await storage.admin.getDomainSettings(domain)).allowedPlans, null);
        await assert.rejects(
          storage.admin.updateDomainSettings('nowhere.example', { boxAllowance: 1 }, at(0)),
          (error) => isStorageError(error, 'not-found'),
        );
      }));

    void it('appends audit entries and searches them newest first with a cursor', () =>
      withStorage(harness, async (storage) => {
        const tag = randomBytes(3).toString('hex');
        const base = {
          role: 'postmaster',
          target: null,
          detail: null,
          remoteAddress: '127.0.0.1',
          userAgent: 'curl/8',
        };
        const recorded = [];
        for (let i = 0; i < 5; i += 1) {
          recorded.push(
            await storage.auditTrail.record({
              ...base,
              at: at(i),
              actor: `pm-${tag}@studio.example`,
              action: i % 2 === 0 ? 'box.password' : 'box.create',
              target: `box${String(i)}@a-${tag}.example`,
              domain: `a-${tag}.example`,
              outcome: i === 4 ? 'denied' : 'done',
              detail: i === 3 ? `100% of 50_boxes ${tag}` : null,
            }),
          );
        }
        const [oldest] = recorded;
        assert.ok(oldest !== undefined);
        assert.equal(oldest.actor, `pm-${tag}@studio.example`);
        assert.deepEqual(oldest.at, at(0));
        const mine = { actor: `pm-${tag}@studio.example`, limit: 10 };
        assert.deepEqual(
          (await storage.auditTrail.search(mine)).map((e) => e.id),
          recorded.map((e) => e.id).reverse(),
        );
        const first = await storage.auditTrail.search({ ...mine, limit: 2 });
        assert.deepEqual(
          first.map((e) => e.target),
          [`box4@a-${tag}.example`, `box3@a-${tag}.example`],
        );
        const second = await storage.auditTrail.search({ ...mine, limit: 2, before: first[1]?.id ?? 0 });
        assert.deepEqual(
          second.map((e) => e.target),
          [`box2@a-${tag}.example`, `box1@a-${tag}.example`],
        );
        assert.equal((await storage.auditTrail.search({ ...mine, outcome: 'denied' })).length, 1);
        assert.equal((await storage.auditTrail.search({ ...mine, action: 'box.create' })).length, 2);
        assert.equal((await storage.auditTrail.search({ domain: `A-${tag}.example`, limit: 10 })).length, 5);
        assert.equal((await storage.auditTrail.search({ ...mine, from: at(1), to: at(3) })).length, 2);
        // Text: case-insensitive, % and _ literal.
        assert.deepEqual(
          (await storage.auditTrail.search({ text: `100% OF 50_BOXES ${tag}`, limit: 10 })).map((e) => e.id),
          [recorded[3]?.id],
        );
        assert.equal((await storage.auditTrail.search({ text: `100%_of ${tag}`, limit: 10 })).length, 0);
        assert.equal((await storage.auditTrail.search({ text: `BOX2@A-${tag}`, limit: 10 })).length, 1);
      }));
  });
}
