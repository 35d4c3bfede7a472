/**
 * One route of the HTTP API as data: method, path, the zod schemas of its parameters, query, body
 * and answers, and its handler. register-api.ts gives the schemas to Fastify (which validates with
 * zod through its validator compiler) and openapi-document.ts describes the same routes, so what
 * is validated and what is published are one thing.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Refusal } from '../../../services/refusal/refusal.ts';
import type { ApiScope, ApiTokenPrincipal } from '../../../services/api-tokens/api-tokens.ts';
import type { WebSession } from '../../../services/web-sessions/web-sessions.ts';

/** One documented answer: JSON with a schema, a problem, or no body. */
export interface ApiResponse {
  readonly description: string;
  /** JSON body; omitted: no body (204) unless `problem`. */
  readonly schema?: z.ZodType;
  /** An RFC 9457 problem body. */
  readonly problem?: true;
  /** A body that is not JSON (a download, an event stream), of this media type. */
  readonly mediaType?: string;
}

export interface ApiContext<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** The signed-in session; routes with `auth: false` get undefined. */
  readonly session: WebSession | undefined;
  /** The API token that authorised the request, when it came with `Authorization: Bearer`. */
  readonly token: ApiTokenPrincipal | undefined;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

export interface ApiRoute<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Fastify path syntax (`/api/v1/folders/:id`). */
  readonly url: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  /** Needs a signed-in session (401 otherwise). */
  readonly auth: boolean;
  /**
   * With `auth`: an API token carrying this scope may stand in for the session. Absent: the route
   * is for signed-in sessions only (a token gets 403 insufficient-scope).
   */
  readonly tokenScope?: ApiScope;
  /**
   * A Fastify preHandler run before the handler instead of the session check (`auth` false), e.g.
   * `requireAdmin(...)` of the administrative routes; it answers through `reply` to refuse.
   */
  readonly guard?: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /**
   * A body cap other than Fastify's 1 MiB default, and the refusal answered (413) when the
   * request's Content-Length passes it: refused before the body is read.
   */
  readonly bodyLimit?: { readonly bytes: number; readonly refusal: Refusal };
  readonly responses: Readonly<Record<number, ApiResponse>>;
  /** Returns the JSON body, or undefined after answering through `reply` itself. */
  handler(context: ApiContext<z.output<P>, z.output<Q>, z.output<B>>): Promise<unknown>;
}

/** Keeps the schema types for the handler while the route list holds plain ApiRoutes. */
export function apiRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  route: ApiRoute<P, Q, B>,
): ApiRoute {
  return route;
}

/** Answers every route that needs a session may give besides its own. */
export const sessionResponses: Readonly<Record<number, ApiResponse>> = {
  401: {
    description: 'Not signed in, or the session ended (reason authentication-required).',
    problem: true,
  },
};

/** Answers of a route an API token may call, besides the session's. */
export const tokenResponses: Readonly<Record<number, ApiResponse>> = {
  ...sessionResponses,
  403: {
    description: "The API token lacks the route's scope (request problem insufficient-scope).",
    problem: true,
  },
  429: {
    description: "The API token's request rate is exhausted (request problem rate-limited); see Retry-After.",
    problem: true,
  },
};
