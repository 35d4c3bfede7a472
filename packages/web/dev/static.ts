// Serves a built dist/ the way the HTTP listener will: hashed assets cached for ever, index.html for
// app routes, and the strict Content-Security-Policy the app must live under.
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

export function createStaticHandler(distDir: string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://static').pathname);
    const relative = normalize(pathname).replace(/^(\.\.[/\\])+/, '');
    let file = join(distDir, relative);
    let isFile = statSync(file, { throwIfNoEntry: false })?.isFile() === true;
    if (!isFile && extname(pathname) === '') {
      file = join(distDir, 'index.html');
      isFile = true;
    }
    if (!isFile) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    const immutable = pathname.startsWith('/assets/');
    res.writeHead(200, {
      'Content-Type': types[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    createReadStream(file).pipe(res);
  };
}
