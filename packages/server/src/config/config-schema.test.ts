import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { configIssuesFromZod } from './config-error.ts';
import { configSchema } from './config-schema.ts';
import { legalMinimums } from './legal-minimums.ts';

const minimal = { provider: { domain: 'pec.example.it' } };
const mebibyte = 1024 * 1024;

function issuesOf(input: unknown): { path: string; message: string }[] {
  const result = configSchema.safeParse(input);
  return result.success ? [] : configIssuesFromZod(result.error.issues);
}

function withSection(section: string, values: Record<string, unknown>): unknown {
  return { ...minimal, [section]: values };
}

describe('configSchema defaults', () => {
  it('turns a file with only provider.domain into a complete configuration', () => {
    const config = configSchema.parse(minimal);
    assert.deepEqual(config.provider, {
      name: 'pec.example.it',
      domain: 'pec.example.it',
      hostname: 'pec.example.it',
      receiptMailbox: 'posta-certificata@pec.example.it',
    });
    assert.equal(config.listen.host, '127.0.0.1');
    assert.deepEqual(config.ports, {
      smtp: 2525,
      submission: 5587,
      submissions: 5465,
      imap: 1143,
      imaps: 1993,
      pop3: 1110,
      pop3s: 1995,
      http: 8080,
    });
    assert.equal(config.storage.kind, 'sqlite');
    assert.equal(config.storage.sqliteFile, 'pec.db');
    assert.equal(config.signing.certFile, 'certs/signing-cert.pem');
    assert.equal(config.index.file, 'certs/index.ldif');
    assert.equal(config.timeouts.takeChargeHours, 12);
    assert.equal(config.timeouts.deliveryHours, 24);
    assert.equal(config.retention.logMonths, 30);
    assert.equal(config.superReception.graceDaysAfterExpiry, 90);
  });

  it('satisfies its own legal minimums with the defaults', () => {
    const { limits, retention, timeouts } = configSchema.parse(minimal);
    assert.ok(limits.maxRecipients >= legalMinimums.maxRecipients);
    assert.ok(limits.maxMessageBytes >= legalMinimums.maxMessageBytes);
    assert.ok(limits.maxRecipientsTimesSize >= legalMinimums.maxRecipientsTimesSize);
    assert.ok(retention.quarantineMonths >= legalMinimums.quarantineMonths);
    assert.ok(timeouts.queueLifetimeHours >= legalMinimums.queueLifetimeHours);
  });

  it('keeps explicit provider values and lowercases domains', () => {
    const config = configSchema.parse({
      provider: {
        name: 'Acme PEC S.p.A.',
        domain: 'PEC.Acme.IT',
        hostname: 'mx1.pec.acme.it',
        receiptMailbox: 'ricevute@pec.acme.it',
      },
    });
    assert.deepEqual(config.provider, {
      name: 'Acme PEC S.p.A.',
      domain: 'pec.acme.it',
      hostname: 'mx1.pec.acme.it',
      receiptMailbox: 'ricevute@pec.acme.it',
    });
  });

  it('requires provider.domain and nothing else', () => {
    assert.deepEqual(issuesOf({}), [{ path: 'provider', message: 'required setting is missing' }]);
    assert.deepEqual(issuesOf({ provider: {} }), [
      { path: 'provider.domain', message: 'required setting is missing' },
    ]);
    assert.deepEqual(issuesOf({ provider: { domain: 7 } }), [
      { path: 'provider.domain', message: 'expected string, received number' },
    ]);
  });
});

describe('configSchema validation', () => {
  it('reports every invalid field of a file at once', () => {
    const issues = issuesOf({
      provider: { domain: 'not a domain' },
      ports: { smtp: 'x' },
      limits: { maxRecipients: 10 },
      storage: { kind: 'mysql' },
    });
    assert.deepEqual(
      issues.map((issue) => issue.path),
      ['provider.domain', 'ports.smtp', 'storage.kind', 'limits.maxRecipients'],
    );
    assert.equal(issues[1]?.message, 'expected number, received string');
  });

  it('refuses unknown settings, one issue per key', () => {
    assert.deepEqual(issuesOf({ ...minimal, prots: {}, ports: { smpt: 25, imap: 143 } }), [
      { path: 'ports.smpt', message: 'unknown setting' },
      { path: 'prots', message: 'unknown setting' },
    ]);
  });

  it('refuses two listeners on the same port but allows several on port 0', () => {
    assert.deepEqual(issuesOf(withSection('ports', { smtp: 2000, imap: 2000 })), [
      { path: 'ports.imap', message: 'port 2000 is already used by ports.smtp' },
    ]);
    const zeros = Object.fromEntries(
      ['smtp', 'submission', 'submissions', 'imap', 'imaps', 'pop3', 'pop3s', 'http'].map((n) => [n, 0]),
    );
    assert.deepEqual(issuesOf(withSection('ports', zeros)), []);
    assert.equal(issuesOf(withSection('ports', { http: 65536 })).length, 1);
  });

  it('needs a PostgreSQL URL when storage.kind is postgres', () => {
    assert.deepEqual(issuesOf(withSection('storage', { kind: 'postgres' })), [
      { path: 'storage.postgresUrl', message: 'required when storage.kind is postgres' },
    ]);
    assert.deepEqual(
      issuesOf(withSection('storage', { kind: 'postgres', postgresUrl: 'postgres://pec@db/pec' })),
      [],
    );
    assert.equal(
      issuesOf(withSection('storage', { postgresUrl: 'mysql://db' }))[0]?.path,
      'storage.postgresUrl',
    );
  });

  it('keeps blobs in PostgreSQL only when the metadata is in PostgreSQL', () => {
    assert.deepEqual(issuesOf(withSection('storage', { blobs: 'postgres' })), [
      { path: 'storage.blobs', message: 'postgres blobs need storage.kind postgres' },
    ]);
    assert.deepEqual(
      issuesOf(
        withSection('storage', { kind: 'postgres', postgresUrl: 'postgres://pec@db/pec', blobs: 'postgres' }),
      ),
      [],
    );
  });

  it('accepts only https and file:/// index URLs and at least a daily refresh', () => {
    assert.deepEqual(
      issuesOf(withSection('index', { refreshUrl: 'https://igpec.example/igpec.ldif.p7m' })),
      [],
    );
    assert.deepEqual(issuesOf(withSection('index', { refreshUrl: 'http://igpec.example/igpec.ldif.p7m' })), [
      { path: 'index.refreshUrl', message: 'must be an https:// or file:// URL' },
    ]);
    assert.deepEqual(issuesOf(withSection('index', { refreshUrl: 'file:///srv/index/igpec.ldif.p7m' })), []);
    assert.equal(
      issuesOf(withSection('index', { refreshUrl: 'file:relative.p7m' }))[0]?.path,
      'index.refreshUrl',
    );
    assert.equal(
      issuesOf(withSection('index', { refreshIntervalHours: 25 }))[0]?.path,
      'index.refreshIntervalHours',
    );
  });

  it('refuses a receipt mailbox that is not a plain dot-atom address', () => {
    for (const bad of [
      '<posta@pec.example.it>',
      'Posta <p@pec.example.it>',
      'a..b@pec.example.it',
      'nodomain',
    ]) {
      assert.equal(
        issuesOf({ provider: { domain: 'pec.example.it', receiptMailbox: bad } })[0]?.path,
        'provider.receiptMailbox',
        bad,
      );
    }
  });
});

describe('configSchema legal minimums', () => {
  const cases: { section: string; field: string; lowest: number; tooLow: number }[] = [
    { section: 'limits', field: 'maxRecipients', lowest: 50, tooLow: 49 },
    { section: 'limits', field: 'maxRecipientsTimesSize', lowest: 30 * mebibyte, tooLow: 30 * mebibyte - 1 },
    { section: 'limits', field: 'maxMessageBytes', lowest: 30 * mebibyte, tooLow: 30 * mebibyte - 1 },
    { section: 'limits', field: 'maxLineLength', lowest: 1000, tooLow: 999 },
    { section: 'retention', field: 'logMonths', lowest: 30, tooLow: 29 },
    { section: 'retention', field: 'quarantineMonths', lowest: 30, tooLow: 29 },
    { section: 'timeouts', field: 'deliveryHours', lowest: 22, tooLow: 21.5 },
    { section: 'timeouts', field: 'queueLifetimeHours', lowest: 24, tooLow: 23 },
  ];
  for (const { section, field, lowest, tooLow } of cases) {
    it(`${section}.${field}: accepts ${lowest}, refuses ${tooLow}`, () => {
      assert.deepEqual(issuesOf(withSection(section, { [field]: lowest })), []);
      const issues = issuesOf(withSection(section, { [field]: tooLow }));
      assert.equal(issues.length, 1);
      const [issue] = issues;
      assert.ok(issue);
      assert.equal(issue.path, `${section}.${field}`);
      assert.match(issue.message, /^must be at least/);
    });
  }

  it('refuses a final timeout later than 24 h and a first timeout not before it', () => {
    assert.equal(issuesOf(withSection('timeouts', { deliveryHours: 25 }))[0]?.path, 'timeouts.deliveryHours');
    assert.deepEqual(issuesOf(withSection('timeouts', { takeChargeHours: 23, deliveryHours: 22 })), [
      { path: 'timeouts.takeChargeHours', message: 'must be below timeouts.deliveryHours' },
    ]);
    assert.deepEqual(
      issuesOf(
        withSection('timeouts', { takeChargeHours: 23, deliveryHours: 22, queueLifetimeHours: 'x' }),
      ).map((issue) => issue.path),
      ['timeouts.queueLifetimeHours', 'timeouts.takeChargeHours'],
    );
  });
});

describe('configSchema documentation', () => {
  it('describes every section and every field', () => {
    const undocumented: string[] = [];
    type Node = { description?: string; properties?: Record<string, Node>; items?: Node };
    const visit = (node: Node, path: string): void => {
      if (node.description === undefined || node.description.trim() === '') undocumented.push(path);
      for (const [key, child] of Object.entries(node.properties ?? {}))
        visit(child, path === '' ? key : `${path}.${key}`);
      if (node.items !== undefined) visit(node.items, `${path}[]`);
    };
    const root = z.toJSONSchema(configSchema, { io: 'input' }) as Node;
    visit(root, '');
    assert.deepEqual(undocumented, []);
    assert.ok(Object.keys(root.properties ?? {}).length >= 12);
  });
});
