/**
 * A certification authority run with the openssl command for revocation and time-stamp tests: it
 * issues PEC signing certificates (optionally naming a CRL distribution point and an OCSP
 * responder), records revocations at chosen times in its `index.txt`, publishes its CRL, serves
 * OCSP (`openssl ocsp`, killed by `close`) and answers RFC 3161 requests (`openssl ts -reply`).
 */
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pemToDer } from '@pec/core';

const run = promisify(execFile);

export interface IssuedCertificate {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  readonly der: Uint8Array;
  /** Upper-case hex, as in index.txt. */
  readonly serial: string;
}

export interface IssueOptions {
  readonly commonName: string;
  readonly email?: string;
  readonly crlUrl?: string;
  readonly ocspUrl?: string;
  /** extendedKeyUsage=critical,timeStamping for a TSA certificate. */
  readonly timeStamping?: boolean;
}

export interface OpensslCa {
  readonly dir: string;
  readonly caPem: string;
  readonly caDer: Uint8Array;
  issue(options: IssueOptions): Promise<IssuedCertificate>;
  /** Marks `certificate` revoked at `at` (keyCompromise) in the CA database. */
  revoke(certificate: IssuedCertificate, at: Date): Promise<void>;
  /** A fresh DER CRL, valid for a day. */
  crl(): Promise<Uint8Array>;
  /** The URL the OCSP responder will answer at (a free loopback port), to name in certificates. */
  ocspUrl(): Promise<string>;
  /** Starts `openssl ocsp` at `ocspUrl()`; it reads the database once, so issue and revoke first. */
  startOcspResponder(): Promise<void>;
  /** Starts an HTTP TSA (`openssl ts -reply` per request) signing with `tsa`; its URL. */
  startTimeStampAuthority(tsa: IssuedCertificate): Promise<string>;
  close(): Promise<void>;
}

/** YYMMDDHHMMSSZ, the UTCTime of index.txt. */
function utcTime(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        resolve(typeof address === 'object' && address !== null ? address.port : 0);
      });
    });
  });
}

function readBody(request: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
}

export async function createOpensslCa(): Promise<OpensslCa> {
  const dir = await mkdtemp(join(tmpdir(), 'pec-openssl-ca-'));
  const path = (name: string): string => join(dir, name);
  await writeFile(path('index.txt'), '');
  await writeFile(path('serial'), '1000\n');
  await writeFile(path('crlnumber'), '01\n');
  await writeFile(
    path('ca.cnf'),
    [
      '[ca]',
      'default_ca = test_ca',
      '[test_ca]',
      `dir = ${dir}`,
      'database = $dir/index.txt',
      'serial = $dir/serial',
      'crlnumber = $dir/crlnumber',
      'new_certs_dir = $dir',
      'certificate = $dir/ca.pem',
      'private_key = $dir/ca.key',
      'default_md = sha256',
      'default_crl_days = 1',
      'policy = any',
      'unique_subject = no',
      'email_in_dn = no',
      'copy_extensions = none',
      '[any]',
      'commonName = supplied',
      'organizationName = optional',
      '[tsa]',
      'default_tsa = test_tsa',
      '[test_tsa]',
      `dir = ${dir}`,
      'serial = $dir/tsaserial',
      'signer_digest = sha256',
      'default_policy = 1.2.3.4.1',
      'digests = sha256',
      'accuracy = secs:1',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );
  await writeFile(path('tsaserial'), '01\n');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    path('ca.key'),
    '-out',
    path('ca.pem'),
    '-subj',
    '/C=IT/O=Test Revocation CA/CN=Test Revocation CA',
    '-days',
    '7300',
    '-sha256',
    '-addext',
    'basicConstraints=critical,CA:true',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  const caPem = await readFile(path('ca.pem'), 'utf8');
  const children: ReturnType<typeof spawn>[] = [];
  const servers: Server[] = [];
  let issued = 0;
  let ocspPort: number | undefined;

  return {
    dir,
    caPem,
    caDer: pemToDer(caPem, 'CERTIFICATE'),
    async issue(options) {
      issued += 1;
      const name = `cert${issued}`;
      const extensions = [
        '[ext]',
        'subjectKeyIdentifier = hash',
        'authorityKeyIdentifier = keyid',
        options.timeStamping === true
          ? 'keyUsage = critical,digitalSignature\nextendedKeyUsage = critical,timeStamping'
          : 'keyUsage = critical,digitalSignature\nextendedKeyUsage = emailProtection',
        ...(options.email === undefined ? [] : [`subjectAltName = email:${options.email}`]),
        ...(options.crlUrl === undefined ? [] : [`crlDistributionPoints = URI:${options.crlUrl}`]),
        ...(options.ocspUrl === undefined ? [] : [`authorityInfoAccess = OCSP;URI:${options.ocspUrl}`]),
        '',
      ];
      await writeFile(path(`${name}.ext`), extensions.join('\n'));
      await run('openssl', [
        'req',
        '-new',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        path(`${name}.key`),
        '-out',
        path(`${name}.csr`),
        '-subj',
        `/O=Test Provider/CN=${options.commonName}`,
      ]);
      await run('openssl', [
        'ca',
        '-batch',
        '-config',
        path('ca.cnf'),
        '-notext',
        '-in',
        path(`${name}.csr`),
        '-out',
        path(`${name}.pem`),
        '-startdate',
        '20200101000000Z',
        '-enddate',
        '20400101000000Z',
        '-extfile',
        path(`${name}.ext`),
        '-extensions',
        'ext',
      ]);
      const certificatePem = await readFile(path(`${name}.pem`), 'utf8');
      const serial = (await run('openssl', ['x509', '-in', path(`${name}.pem`), '-noout', '-serial'])).stdout
        .trim()
        .replace(/^serial=/, '');
      return {
        certificatePem,
        privateKeyPem: await readFile(path(`${name}.key`), 'utf8'),
        der: pemToDer(certificatePem, 'CERTIFICATE'),
        serial,
      };
    },
    async revoke(certificate, at) {
      const lines = (await readFile(path('index.txt'), 'utf8')).split('\n');
      const updated = lines.map((line) => {
        const fields = line.split('\t');
        if (fields[3] !== certificate.serial) return line;
        return ['R', fields[1], `${utcTime(at)},keyCompromise`, ...fields.slice(3)].join('\t');
      });
      await writeFile(path('index.txt'), updated.join('\n'));
    },
    async crl() {
      await run('openssl', ['ca', '-gencrl', '-config', path('ca.cnf'), '-out', path('ca.crl.pem')]);
      const pem = await readFile(path('ca.crl.pem'), 'utf8');
      return pemToDer(pem, 'X509 CRL');
    },
    async ocspUrl() {
      ocspPort ??= await freePort();
      return `http://127.0.0.1:${ocspPort}/`;
    },
    async startOcspResponder() {
      const port = ocspPort ?? (await freePort());
      const child = spawn(
        'openssl',
        [
          'ocsp',
          '-index',
          path('index.txt'),
          '-port',
          String(port),
          '-rsigner',
          path('ca.pem'),
          '-rkey',
          path('ca.key'),
          '-CA',
          path('ca.pem'),
          '-ndays',
          '1',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      children.push(child);
      // A probing connection would hold the single-threaded responder: wait for its banner instead.
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error('openssl ocsp did not start'));
        }, 10_000);
        let seen = '';
        const watch = (chunk: Buffer): void => {
          seen += chunk.toString('latin1');
          if (seen.includes('waiting for OCSP client connections')) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on('data', watch);
        child.stderr.on('data', watch);
      });
    },
    async startTimeStampAuthority(tsa) {
      await writeFile(path('tsa.pem'), tsa.certificatePem);
      await writeFile(path('tsa.key'), tsa.privateKeyPem);
      let requests = 0;
      const server = createHttpServer((request, response) => {
        void (async () => {
          requests += 1;
          const query = path(`ts${requests}.tsq`);
          const reply = path(`ts${requests}.tsr`);
          await writeFile(query, await readBody(request));
          await run('openssl', [
            'ts',
            '-reply',
            '-config',
            path('ca.cnf'),
            '-queryfile',
            query,
            '-signer',
            path('tsa.pem'),
            '-inkey',
            path('tsa.key'),
            '-out',
            reply,
          ]);
          response.writeHead(200, { 'content-type': 'application/timestamp-reply' });
          response.end(await readFile(reply));
        })().catch((error: unknown) => {
          response.writeHead(500);
          response.end(String(error));
        });
      });
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      return `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/`;
    },
    async close() {
      for (const child of children) child.kill();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A node:http server answering GET with whatever `body()` returns (404 when undefined). */
export async function serveBytes(
  body: () => Promise<Uint8Array | undefined>,
): Promise<{ readonly url: string; close(): Promise<void> }> {
  const server = createHttpServer((request, response) => {
    void body().then(
      (bytes) => {
        if (bytes === undefined) {
          response.writeHead(404);
          response.end();
          return;
        }
        response.writeHead(200, { 'content-type': 'application/pkix-crl' });
        response.end(Buffer.from(bytes));
      },
      () => {
        response.writeHead(500);
        response.end();
      },
    );
    request.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
