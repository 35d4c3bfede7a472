/**
 * Client autoconfiguration against a served provider: the Thunderbird autoconfig and Outlook
 * autodiscover documents and the Apple profile are well-formed XML (xmllint; the profile is also
 * a property list Python's plistlib reads), and a Python client that knows only a document signs
 * in over IMAP, POP3 and SMTP submission with exactly the host, port and security it gives.
 * `pec domain dns` prints MX, RFC 6186 SRV and autoconfig records from the configured public ports.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { initProvider } from '../../src/app/init-provider.ts';
import { holders, password, signIn, startApiProvider, type ApiProvider } from '../api/api-provider.ts';
import { pecOk, runPec } from '../e2e/run-pec.ts';

const clientCheck = join(import.meta.dirname, 'client-check.py');

function run(
  command: string,
  args: readonly string[],
  input: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

async function assertWellFormed(xml: string): Promise<void> {
  const result = await run('xmllint', ['--noout', '--nonet', '-'], xml);
  assert.equal(result.code, 0, `xmllint: ${result.stderr}\n${xml}`);
}

interface CheckedServer {
  protocol: string;
  host: string;
  port: number;
  security: string;
  signedIn: boolean;
}

async function signInAsDocumentSays(
  kind: 'autoconfig' | 'autodiscover',
  url: string,
  caFile: string,
): Promise<CheckedServer[]> {
  const result = await run(
    'python3',
    [clientCheck],
    JSON.stringify({ kind, url, caFile, user: holders.mario, password }),
  );
  assert.equal(result.code, 0, result.stderr);
  return result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as CheckedServer);
}

describe('client autoconfiguration', { timeout: 120_000 }, () => {
  let provider: ApiProvider;

  before(async () => {
    provider = await startApiProvider({ overrides: { clients: { host: 'localhost' } } });
  });
  after(() => provider.close());

  function boundPort(name: string): number {
    const address = provider.running.addresses.find((a) => a.name === name);
    assert.ok(address !== undefined);
    return address.port;
  }

  it('Thunderbird autoconfig: well formed, every server from the listeners, and a client signs in with it', async () => {
    for (const path of ['/.well-known/autoconfig/mail/config-v1.1.xml', '/mail/config-v1.1.xml']) {
      const response = await fetch(
        `${provider.base}${path}?emailaddress=${encodeURIComponent(holders.mario)}`,
      );
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^application\/xml/);
      const xml = await response.text();
      await assertWellFormed(xml);
      assert.match(xml, /<domain>pec\.api\.localhost<\/domain>/);
    }
    const url = `${provider.base}/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(holders.mario)}`;
    const checked = await signInAsDocumentSays('autoconfig', url, join(provider.dir, 'certs', 'ca.pem'));
    assert.deepEqual(
      checked.map((s) => [s.protocol, s.host, s.port, s.security, s.signedIn]),
      [
        ['imap', 'localhost', boundPort('imaps'), 'tls', true],
        ['imap', 'localhost', boundPort('imap'), 'starttls', true],
        ['pop3', 'localhost', boundPort('pop3s'), 'tls', true],
        ['pop3', 'localhost', boundPort('pop3'), 'starttls', true],
        ['smtp', 'localhost', boundPort('submissions'), 'tls', true],
        ['smtp', 'localhost', boundPort('submission'), 'starttls', true],
      ],
    );
  });

  it('Outlook autodiscover: well formed, and a client signs in with exactly what it says', async () => {
    const url = `${provider.base}/autodiscover/autodiscover.xml`;
    const get = await fetch(`${url}?emailaddress=${encodeURIComponent(holders.anna)}`);
    assert.equal(get.status, 200);
    await assertWellFormed(await get.text());
    const checked = await signInAsDocumentSays('autodiscover', url, join(provider.dir, 'certs', 'ca.pem'));
    assert.equal(checked.length, 6);
    assert.ok(checked.every((s) => s.signedIn && s.host === 'localhost'));
    assert.deepEqual(
      checked.map((s) => s.port),
      ['imaps', 'imap', 'pop3s', 'pop3', 'submissions', 'submission'].map(boundPort),
    );
  });

  it('answers 404 for an address outside the provider domains', async () => {
    const foreign = encodeURIComponent('someone@example.org');
    const autoconfig = await fetch(
      `${provider.base}/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=${foreign}`,
    );
    assert.equal(autoconfig.status, 404);
    const autodiscover = await fetch(`${provider.base}/autodiscover/autodiscover.xml`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: '<Autodiscover><Request><EMailAddress>someone@example.org</EMailAddress></Request></Autodiscover>',
    });
    assert.equal(autodiscover.status, 404);
  });

  it('the Apple profile needs a session and is a well-formed property list for the holder', async () => {
    const anonymous = await fetch(`${provider.base}/api/v1/client-setup/mobileconfig`);
    assert.equal(anonymous.status, 401);
    const cookie = await signIn(provider.base, holders.bruno);
    const response = await fetch(`${provider.base}/api/v1/client-setup/mobileconfig`, {
      headers: { cookie },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/x-apple-aspen-config');
    assert.match(
      response.headers.get('content-disposition') ?? '',
      /attachment; filename="bruno@pec\.api\.localhost\.mobileconfig"/,
    );
    const profile = await response.text();
    await assertWellFormed(profile);
    const parsed = await run(
      'python3',
      [
        '-c',
        'import json,plistlib,sys; p=plistlib.loads(sys.stdin.buffer.read()); print(json.dumps(p["PayloadContent"][0]))',
      ],
      profile,
    );
    assert.equal(parsed.code, 0, parsed.stderr);
    const mail = JSON.parse(parsed.stdout) as {
      EmailAddress: string;
      IncomingMailServerHostName: string;
      IncomingMailServerPortNumber: number;
      OutgoingMailServerPortNumber: number;
      PayloadType: string;
    };
    assert.equal(mail.EmailAddress, holders.bruno);
    assert.equal(mail.IncomingMailServerHostName, 'localhost');
    assert.equal(mail.IncomingMailServerPortNumber, boundPort('imaps'));
    assert.equal(mail.OutgoingMailServerPortNumber, boundPort('submissions'));
    assert.equal(mail.PayloadType, 'com.apple.mail.managed');
  });
});

describe('pec domain dns', { timeout: 60_000 }, () => {
  it('lists MX, the RFC 6186 SRV records with the public ports, autoconfig and autodiscover', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pec-dns-'));
    try {
      await initProvider({ dataDir: dir, domain: 'pec.dns.localhost', providerName: 'DNS PEC' });
      const out = await pecOk(['domain', 'dns', 'pec.dns.localhost', '--json', '--data', dir]);
      const records = (JSON.parse(out) as { name: string; type: string; value: string }[]).map(
        (r) => `${r.name} ${r.type} ${r.value}`,
      );
      assert.deepEqual(records, [
        'pec.dns.localhost. MX 10 pec.dns.localhost.',
        '_imaps._tcp.pec.dns.localhost. SRV 0 1 1993 pec.dns.localhost.',
        '_imap._tcp.pec.dns.localhost. SRV 10 1 1143 pec.dns.localhost.',
        '_pop3s._tcp.pec.dns.localhost. SRV 0 1 1995 pec.dns.localhost.',
        '_pop3._tcp.pec.dns.localhost. SRV 10 1 1110 pec.dns.localhost.',
        '_submissions._tcp.pec.dns.localhost. SRV 0 1 5465 pec.dns.localhost.',
        '_submission._tcp.pec.dns.localhost. SRV 10 1 5587 pec.dns.localhost.',
        'autoconfig.pec.dns.localhost. CNAME pec.dns.localhost.',
        '_autodiscover._tcp.pec.dns.localhost. SRV 0 1 443 pec.dns.localhost.',
      ]);
      const text = await pecOk(['domain', 'dns', 'pec.dns.localhost', '--data', dir]);
      assert.match(
        text,
        /^_imaps\._tcp\.pec\.dns\.localhost\.\s+IN SRV\s+0 1 1993 pec\.dns\.localhost\. {2}; IMAP implicit TLS \(RFC 6186\)$/m,
      );
      const unknown = await runPec(['domain', 'dns', 'example.org', '--data', dir]);
      assert.equal(unknown.code, 1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
