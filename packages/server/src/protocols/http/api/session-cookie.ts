/**
 * The session cookie (RFC 6265): HttpOnly so scripts never see the token, SameSite=Strict so no
 * other site's page sends it (the CSRF defence beside X-PEC-Request, decision 0010), Secure when
 * the browser reached us over HTTPS, Path=/ and no Domain (the host only). Max-Age only for "stay
 * signed in": otherwise the browser forgets the cookie when it closes.
 */
import type { FastifyRequest } from 'fastify';

export const sessionCookieName = 'pec_session';

/** The token in the request's Cookie header, or undefined. */
export function sessionToken(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const equals = part.indexOf('=');
    if (equals > 0 && part.slice(0, equals).trim() === sessionCookieName)
      return part.slice(equals + 1).trim();
  }
  return undefined;
}

function attributes(request: FastifyRequest): string {
  return `Path=/; HttpOnly; SameSite=Strict${request.protocol === 'https' ? '; Secure' : ''}`;
}

export function sessionCookie(
  request: FastifyRequest,
  token: string,
  keepSeconds: number | undefined,
): string {
  const maxAge = keepSeconds === undefined ? '' : `; Max-Age=${String(keepSeconds)}`;
  return `${sessionCookieName}=${token}; ${attributes(request)}${maxAge}`;
}

export function clearedSessionCookie(request: FastifyRequest): string {
  return `${sessionCookieName}=; ${attributes(request)}; Max-Age=0`;
}
