/**
 * Serves the webmail's production build (packages/web/dist) from the HTTP listener: files as
 * built, index.html for any other path that looks like an app route (no file extension) so the
 * app's own router takes over, nothing under /api (the API answers there). Every answer carries
 * the strict Content-Security-Policy the app is built for (decision 0010: no inline script or
 * style, sandboxed mail frames only); hashed files under /assets/ are cached for a year
 * (`immutable`, RFC 8246), everything else is revalidated (`no-cache`) so a new release shows at
 * once.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

export const webAppContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The file under `root` a URL path names, or undefined when it would leave `root` or is malformed. */
function fileOf(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.split(/[/\\]/).includes('..')) return undefined;
  const file = resolve(join(root, decoded));
  return file === root || file.startsWith(root + sep) ? file : undefined;
}

function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).header('content-type', 'text/plain; charset=utf-8').send('not found');
}

/**
 * Serves the app in `distDir` (which must hold index.html) for every GET or HEAD no route took, as
 * the listener's not-found handler: routes, and the API's own not-found answers under its prefix,
 * keep precedence.
 */
export function registerWebApp(app: FastifyInstance, distDir: string): void {
  const root = resolve(distDir);
  const index = join(root, 'index.html');

  app.setNotFoundHandler(async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound(reply);
    const pathname = request.url.split('?')[0] ?? '/';
    if (pathname === '/api' || pathname.startsWith('/api/')) return notFound(reply);
    let file = fileOf(root, pathname);
    if (file === undefined || !(await isFile(file))) {
      if (extname(pathname) !== '' && !pathname.endsWith('.html')) return notFound(reply);
      file = index;
    }
    const immutable = pathname.startsWith('/assets/') && file !== index;
    return reply
      .headers({
        'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        'content-security-policy': webAppContentSecurityPolicy,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      })
      .send(createReadStream(file));
  });
}
