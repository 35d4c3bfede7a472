/** The credentials of `Authorization: Bearer <token>` (RFC 6750 §2.1), or undefined. */
import type { FastifyRequest } from 'fastify';

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer +([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(header);
  return match?.[1];
}
