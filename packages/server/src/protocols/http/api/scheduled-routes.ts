/**
 * Scheduled send (decision 0024): POST /api/v1/outgoing/scheduled takes the immediate send's body
 * plus `sendAt`, files the message in Drafts and queues it for that time; GET lists the holder's
 * scheduled messages with their outcome; DELETE /api/v1/outgoing/scheduled/:id cancels one still
 * waiting (the message stays in Drafts). Another holder's id answers 404, as an unknown one does.
 */
import type { FastifyReply } from 'fastify';
import type { OutgoingMail } from '../../../services/outgoing/outgoing-mail.ts';
import type { ScheduledSend, ScheduledSends } from '../../../services/scheduled-send/scheduled-sends.ts';
import { refusalProblem, requestProblem, type RefusalProblem } from '../refusal-problem.ts';
import { apiRoute, sessionResponses, type ApiRoute } from './api-route.ts';
import { fieldsOf, outgoingBodyLimit, writerOf } from './outgoing-routes.ts';
import {
  scheduleRequestSchema,
  scheduledListSchema,
  scheduledParamsSchema,
  scheduledSendSchema,
} from './scheduled-schemas.ts';

function send(reply: FastifyReply, problem: RefusalProblem, extra: Record<string, unknown> = {}) {
  return reply
    .code(problem.status)
    .headers(problem.headers)
    .send({ ...problem.body, ...extra });
}

function view(scheduled: ScheduledSend) {
  return {
    id: String(scheduled.id),
    to: [...scheduled.to],
    cc: [...scheduled.cc],
    subject: scheduled.subject,
    sendAt: scheduled.sendAt.toISOString(),
    timeZone: scheduled.timeZone,
    draftUid: scheduled.draftUid,
    status: scheduled.status,
    reason: scheduled.reason,
    identifier: scheduled.identifier,
  };
}

const timeProblems = {
  past: 'The send time has already passed: choose a time in the future.',
  'too-far': 'The send time is more than a year ahead: choose an earlier time.',
  'bad-zone': 'The time zone is not a known IANA time zone.',
} as const;

export function scheduledRoutes(outgoing: OutgoingMail, scheduled: ScheduledSends): ApiRoute[] {
  const bodyLimit = outgoingBodyLimit(outgoing.limits.maxMessageBytes);
  return [
    apiRoute({
      method: 'POST',
      url: '/api/v1/outgoing/scheduled',
      operationId: 'scheduleMessage',
      summary: 'Schedule a PEC: kept in Drafts and sent through the access point at `sendAt`.',
      tag: 'sending',
      auth: true,
      body: scheduleRequestSchema,
      bodyLimit: {
        bytes: bodyLimit,
        refusal: {
          reason: 'message-too-large',
          limitBytes: outgoing.limits.maxMessageBytes,
          part: 'message',
        },
      },
      responses: {
        201: { description: 'Scheduled.', schema: scheduledSendSchema },
        400: {
          description: 'A time in the past or over a year ahead, or an unknown zone (`timeProblem`).',
          problem: true,
        },
        413: { description: 'Larger than a message may be (message-too-large).', problem: true },
        422: { description: 'An invalid address (invalid-address): nothing was scheduled.', problem: true },
        507: { description: 'The mailbox quota would be exceeded (quota-exceeded).', problem: true },
        ...sessionResponses,
      },
      async handler({ body, session, request, reply }) {
        const writer = writerOf(session, request);
        const outcome = await scheduled.schedule(
          writer,
          fieldsOf(body),
          new Date(body.sendAt),
          body.timeZone,
        );
        if (outcome.kind === 'bad-time')
          return send(reply, requestProblem('invalid-request', timeProblems[outcome.problem]), {
            timeProblem: outcome.problem,
          });
        if (outcome.kind === 'refused') return send(reply, refusalProblem(outcome.refusal));
        // The draft it was written in is now the scheduled copy.
        if (body.draftUid !== undefined) await outgoing.deleteDraft(writer, body.draftUid);
        return reply.code(201).send(view(outcome.scheduled));
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/outgoing/scheduled',
      operationId: 'listScheduled',
      summary:
        "The holder's scheduled messages: waiting ones by due time, then finished ones with their outcome.",
      tag: 'sending',
      auth: true,
      responses: { 200: { description: 'The list.', schema: scheduledListSchema }, ...sessionResponses },
      async handler({ session, request, reply }) {
        reply.header('Cache-Control', 'no-store');
        return { scheduled: (await scheduled.list(writerOf(session, request))).map(view) };
      },
    }),
    apiRoute({
      method: 'DELETE',
      url: '/api/v1/outgoing/scheduled/:id',
      operationId: 'cancelScheduled',
      summary: 'Cancel a scheduled message still waiting; it stays in Drafts.',
      tag: 'sending',
      auth: true,
      params: scheduledParamsSchema,
      responses: {
        204: { description: 'Cancelled.' },
        404: { description: 'No such scheduled message for this holder.', problem: true },
        409: { description: 'Already being sent or finished (conflict).', problem: true },
        ...sessionResponses,
      },
      async handler({ params, session, request, reply }) {
        const outcome = await scheduled.cancel(writerOf(session, request), Number(params.id));
        if (outcome === 'not-found')
          return send(reply, requestProblem('not-found', 'There is no such scheduled message.'));
        if (outcome === 'too-late')
          return send(reply, requestProblem('conflict', 'This message is being sent or was already sent.'));
        return reply.code(204).send();
      },
    }),
  ];
}
