/**
 * The administrative session cookie: the holder's cookie properties (session-cookie.ts: HttpOnly,
 * SameSite=Strict, Secure over HTTPS, host only) under another name, so a browser signed in to
 * both keeps two separate sessions, and with Path=/api/v1/admin so it is sent to the
 * administrative API only. Never persistent: it ends with the browser or the idle timeout.
 */
import type { FastifyRequest } from 'fastify';

export const adminCookieName = 'pec_admin_session';
export const adminCookiePath = '/api/v1/admin';

export function adminSessionToken(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const equals = part.indexOf('=');
    if (equals > 0 && part.slice(0, equals).trim() === adminCookieName) return part.slice(equals + 1).trim();
  }
  return undefined;
}

function attributes(request: FastifyRequest): string {
  return `Path=${adminCookiePath}; HttpOnly; SameSite=Strict${request.protocol === 'https' ? '; Secure' : ''}`;
}

export function adminSessionCookie(request: FastifyRequest, token: string): string {
  return `${adminCookieName}=${token}; ${attributes(request)}`;
}

export function clearedAdminSessionCookie(request: FastifyRequest): string {
  return `${adminCookieName}=; ${attributes(request)}; Max-Age=0`;
}
