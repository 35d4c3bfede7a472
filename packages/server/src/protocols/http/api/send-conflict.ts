import type { FastifyReply } from 'fastify';
import { requestProblem } from '../refusal-problem.ts';

/** Answers a service's refusal as a 409 conflict problem whose detail is the service's own words. */
export function sendConflict(reply: FastifyReply, detail: string): FastifyReply {
  const problem = requestProblem('conflict', detail);
  return reply.code(problem.status).headers(problem.headers).send(problem.body);
}
