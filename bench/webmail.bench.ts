/**
 * Issue 11 benchmark (decision 0025): the webmail's weight and its API's latency, each next to a
 * reference measured in the same run.
 * - Bundle: JS + CSS the initial route loads (index.html's scripts, module preloads and style
 *   sheets), gzip -9, against a bare React + react-router app built by the same Vite in the same run.
 * - API p95 on an N-message INBOX (default 10,000; `--webmail-messages N`) of a served provider
 *   (SQLite, loopback): the first page of the list sorted by date (50 rows), one message, and a
 *   search by a word, each against the IMAP command that fetches the same data from the same
 *   provider over TLS: `UID FETCH` of the newest 50 (UID FLAGS ENVELOPE RFC822.SIZE), `UID FETCH
 *   BODY.PEEK[]`, `UID SEARCH TEXT`.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { gzipSync } from 'node:zlib';
import { storeMessage } from '../packages/server/src/services/mailboxes/store-message.ts';
import { holders, password, signIn, startApiProvider } from '../packages/server/test/api/api-provider.ts';
import { ImapTestClient } from '../packages/server/test/imap-messages/imap-test-client.ts';
import type { BenchRow } from './core-signing.bench.ts';

const webDir = join(import.meta.dirname, '..', 'packages', 'web');
const searchWord = 'zibibbo';
const rounds = 60;

/** gzip -9 bytes of the JS and CSS an index.html loads before the app renders. */
async function initialRouteBytes(distDir: string): Promise<number> {
  const html = await readFile(join(distDir, 'index.html'), 'utf8');
  const assets = new Set<string>();
  for (const match of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) assets.add(match[1] ?? '');
  for (const match of html.matchAll(/<link[^>]+href="([^"]+\.(?:js|css))"/g)) assets.add(match[1] ?? '');
  let total = 0;
  for (const asset of assets) {
    if (asset === '' || /^https?:/.test(asset)) continue;
    total += gzipSync(await readFile(join(distDir, asset.replace(/^\//, ''))), { level: 9 }).length;
  }
  return total;
}

/** A bare React + react-router app (one route, one paragraph), built by the same Vite. */
async function bareReactRouterBytes(): Promise<number> {
  const dir = join(webDir, `.bench-bare-${String(process.pid)}`);
  await mkdir(join(dir, 'src'), { recursive: true });
  try {
    await writeFile(
      join(dir, 'index.html'),
      '<!doctype html><html><head><meta charset="utf-8"><title>bare</title></head>' +
        '<body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>',
    );
    await writeFile(
      join(dir, 'src', 'main.tsx'),
      "import { createRoot } from 'react-dom/client';\n" +
        "import { createBrowserRouter, RouterProvider } from 'react-router';\n" +
        "const router = createBrowserRouter([{ path: '/', element: <p>Hello</p> }]);\n" +
        "createRoot(document.getElementById('root')!).render(<RouterProvider router={router} />);\n",
    );
    const { build } = await import('vite');
    const { default: react } = await import('@vitejs/plugin-react');
    await build({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      plugins: [react()],
      build: { outDir: join(dir, 'dist'), emptyOutDir: true },
    });
    return await initialRouteBytes(join(dir, 'dist'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function benchMessage(i: number): Uint8Array {
  const word = i % 10 === 0 ? ` ${searchWord}` : '';
  const day = String((i % 28) + 1).padStart(2, '0');
  const body = `Gentile utente, la pratica numero ${String(i)} è stata protocollata${word}.\r\n`.repeat(6);
  return Buffer.from(
    `From: Ufficio ${String(i % 37)} <ufficio${String(i % 37)}@pec.example.it>\r\n` +
      `To: Mario Rossi <${holders.mario}>\r\nSubject: Pratica ${String(i)} - protocollo\r\n` +
      `Date: ${day} Mar 2025 10:00:00 +0100\r\nMessage-ID: <bench-${String(i)}@pec.example.it>\r\n` +
      'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n' +
      body,
    'utf8',
  );
}

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
}

async function timed(run: () => Promise<void>): Promise<number[]> {
  await run(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return samples;
}

export async function benchWebmail(messages = 10_000): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const appBytes = await initialRouteBytes(join(webDir, 'dist'));
  const bareBytes = await bareReactRouterBytes();
  rows.push({
    name: 'bare React + react-router build, gzip (reference)',
    value: bareBytes / 1024,
    unit: 'KiB',
  });
  rows.push({
    name: 'webmail initial route JS + CSS, gzip',
    value: appBytes / 1024,
    unit: 'KiB',
    ratio: `${(appBytes / bareBytes).toFixed(2)} × the bare build`,
  });

  const provider = await startApiProvider();
  try {
    const mailbox = await provider.ctx.storage.accounts.findMailboxByAddress(holders.mario);
    if (mailbox === undefined) throw new Error('no benchmark mailbox');
    for (let i = 0; i < messages; i++) {
      await storeMessage(provider.ctx.storage, provider.ctx.blobs, {
        mailboxId: mailbox.id,
        folderName: 'INBOX',
        bytes: benchMessage(i),
        internalDate: new Date(Date.UTC(2025, 2, 1) + i * 60_000),
      });
    }
    const inbox = await provider.ctx.storage.mailboxes.getFolder(mailbox.id, 'INBOX');
    if (inbox === undefined) throw new Error('no INBOX');
    const cookie = await signIn(provider.base, holders.mario);
    const get = async (path: string) => {
      const response = await fetch(`${provider.base}${path}`, { headers: { cookie } });
      if (response.status !== 200) throw new Error(`${path}: ${String(response.status)}`);
      await response.arrayBuffer();
    };
    let pick = 0;
    const uid = () => (pick = (pick * 7919 + 13) % messages) + 1;
    const api = {
      list: await timed(() => get(`/api/v1/folders/${String(inbox.id)}/messages?sort=-date&limit=50`)),
      message: await timed(() => get(`/api/v1/messages/${String(inbox.id)}/${String(uid())}`)),
      search: await timed(() => get(`/api/v1/folders/${String(inbox.id)}/messages?q=${searchWord}&limit=50`)),
    };

    const imaps = provider.running.addresses.find((a) => a.name === 'imaps');
    if (imaps === undefined) throw new Error('no imaps listener');
    const ca = await readFile(join(provider.dir, 'certs', 'ca.pem'), 'utf8');
    const client = new ImapTestClient(
      connect({ host: '127.0.0.1', port: imaps.port, ca, servername: 'localhost' }),
    );
    await client.next(30_000);
    let tag = 0;
    const imap = async (text: string) => {
      const id = `b${String(tag++)}`;
      const reply = await client.command(id, text, 120_000);
      if (!reply.tagged.startsWith(`${id} OK`)) throw new Error(`${text}: ${reply.tagged}`);
    };
    await imap(`LOGIN ${holders.mario} "${password}"`);
    await imap('SELECT INBOX');
    const reference = {
      list: await timed(() =>
        imap(`UID FETCH ${String(messages - 49)}:${String(messages)} (UID FLAGS ENVELOPE RFC822.SIZE)`),
      ),
      message: await timed(() => imap(`UID FETCH ${String(uid())} (BODY.PEEK[])`)),
      search: await timed(() => imap(`UID SEARCH TEXT ${searchWord}`)),
    };
    await imap('LOGOUT').catch(() => undefined);
    const label = {
      list: 'first page, 50 rows by date',
      message: 'one message',
      search: `search "${searchWord}"`,
    };
    for (const key of ['list', 'message', 'search'] as const) {
      const ours = p95(api[key]);
      const theirs = p95(reference[key]);
      rows.push({
        name: `IMAP p95, ${label[key]}, ${String(messages)} messages (reference)`,
        value: theirs,
        unit: 'ms',
      });
      rows.push({
        name: `HTTP API p95, ${label[key]}, ${String(messages)} messages`,
        value: ours,
        unit: 'ms',
        ratio: `${(ours / theirs).toFixed(2)} × IMAP`,
      });
    }
  } finally {
    await provider.close();
  }
  return rows;
}
