// Dev server: the mock API under /api/v1 and, when dist/ exists, the built app beside it.
// node --import tsx packages/web/dev/serve.ts [--port 8787] [--inbox 100000] [--latency 0]
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createMockApi, demoAccount } from './mock-api.ts';
import { createStaticHandler } from './static.ts';

export interface DevServer {
  url: string;
  server: Server;
  close: () => Promise<void>;
}

export async function startDevServer(options: {
  port?: number;
  distDir?: string;
  inboxSize?: number;
  latency?: number;
  now?: number;
}): Promise<DevServer> {
  const api = createMockApi({
    ...(options.inboxSize === undefined ? {} : { inboxSize: options.inboxSize }),
    ...(options.latency === undefined ? {} : { latency: options.latency }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const distDir = options.distDir;
  const files =
    distDir !== undefined && existsSync(join(distDir, 'index.html')) ? createStaticHandler(distDir) : null;
  const server = createServer((req, res) => {
    if ((req.url ?? '').startsWith('/api/')) api(req, res);
    else if (files !== null) files(req, res);
    else {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('mock API only: build the app (npm run build -w @pec/web) or use the Vite dev server');
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

if (import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      inbox: { type: 'string' },
      latency: { type: 'string' },
    },
  });
  const dev = await startDevServer({
    port: Number(values.port),
    distDir: join(import.meta.dirname, '..', 'dist'),
    ...(values.inbox === undefined ? {} : { inboxSize: Number(values.inbox) }),
    ...(values.latency === undefined ? {} : { latency: Number(values.latency) }),
  });
  console.log(
    `PEC webmail dev mock: ${dev.url}  (sign in as ${demoAccount.address} / ${demoAccount.password})`,
  );
}
