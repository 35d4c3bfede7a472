/**
 * Conditional GET (RFC 9110 §8.8.3 ETag, §13.1.2 If-None-Match, §15.4.5 304): the answer carries an
 * entity tag and `Cache-Control: private, no-cache` (the browser may keep it but asks each time),
 * and a request whose If-None-Match names the current tag gets 304 with no body. If-None-Match is
 * compared weakly, as §13.1.2 requires.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A strong entity tag from its parts (opaque to clients). */
export function entityTag(...parts: readonly (string | number)[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 27);
  return `"${digest}"`;
}

function opaque(tag: string): string {
  return tag.replace(/^W\//, '');
}

/** True when the request's If-None-Match matches `tag` (then answer 304). */
export function matchesIfNoneMatch(header: string | undefined, tag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => opaque(candidate.trim()) === opaque(tag));
}

/**
 * Sets the validators on `reply`; answers 304 and returns true when the client's copy is current,
 * so the route stops there.
 */
export function notModified(request: FastifyRequest, reply: FastifyReply, tag: string): boolean {
  void reply.header('etag', tag).header('cache-control', 'private, no-cache');
  if (!matchesIfNoneMatch(request.headers['if-none-match'], tag)) return false;
  void reply.code(304).send();
  return true;
}
