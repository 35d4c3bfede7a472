/**
 * Sending a PEC from the webmail and keeping drafts: POST /api/v1/outgoing composes the message
 * and hands it to the access point as a service call (outgoing-mail.ts), answering the
 * identificativo at once when accepted, or a problem naming the reasons when refused (nothing was
 * issued) or not accepted (a non-acceptance notice is in the holder's INBOX); GET
 * /api/v1/outgoing/limits and GET /api/v1/recipients/check let the compose screen warn before
 * uploading; POST /api/v1/drafts, GET and DELETE /api/v1/drafts/:uid keep drafts in Drafts. A
 * send logs the same `submission.accepted` / `submission.refused` events as SMTP submission
 * (docs/logging.md), bound to the web session (the SHA-256 of its token, as the sessions list names it).
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OutgoingFields, OutgoingMail, Writer } from '../../../services/outgoing/outgoing-mail.ts';
import type { EventLog } from '../../../ports/event-log.ts';
import type { Refusal } from '../../../services/refusal/refusal.ts';
import type { WebSession } from '../../../services/web-sessions/web-sessions.ts';
import { refusalProblem, requestProblem, type RefusalProblem } from '../refusal-problem.ts';
import { apiRoute, sessionResponses, type ApiRoute } from './api-route.ts';
import {
  draftFieldsSchema,
  draftParamsSchema,
  draftRequestSchema,
  outgoingLimitsSchema,
  recipientCheckQuerySchema,
  recipientCheckSchema,
  savedDraftSchema,
  sendRequestSchema,
  sendResultSchema,
} from './outgoing-schemas.ts';
import { sessionToken } from './session-cookie.ts';
import type { z } from 'zod';

/** JSON and base64 overhead above the message limit: base64 is 4/3 of the bytes, plus the fields. */
export function outgoingBodyLimit(maxMessageBytes: number): number {
  return Math.ceil(maxMessageBytes / 3) * 4 + 1024 * 1024;
}

export function writerOf(session: WebSession | undefined, request: FastifyRequest): Writer {
  if (session === undefined) throw new Error('unreachable: the route needs a session');
  return {
    mailboxId: session.mailboxId,
    address: session.address,
    displayName: session.displayName,
    remoteAddress: request.ip,
    secure: request.protocol === 'https',
  };
}

export function fieldsOf(body: z.output<typeof draftRequestSchema>): OutgoingFields {
  return {
    to: body.to,
    cc: body.cc,
    subject: body.subject,
    text: body.text,
    ...(body.html === undefined ? {} : { html: body.html }),
    receiptType: body.receiptType,
    attachments: body.attachments.map((attachment) => ({
      name: attachment.name,
      contentType: attachment.contentType,
      bytes: Buffer.from(attachment.content, 'base64'),
    })),
    ...(body.inReplyTo === undefined ? {} : { inReplyTo: body.inReplyTo }),
    ...(body.references === undefined ? {} : { references: body.references }),
  };
}

function send(reply: FastifyReply, problem: RefusalProblem, extra: Record<string, unknown> = {}) {
  return reply
    .code(problem.status)
    .headers(problem.headers)
    .send({ ...problem.body, ...extra });
}

/** Every reason in one list, for the compose screen (RFC 9457 §3.2 extension member). */
function reasonsOf(refusal: Refusal): string[] {
  const problem = refusalProblem(refusal);
  return [problem.body.detail];
}

/** The request's events, bound as an SMTP session's are: the session, the protocol, the client. */
function requestEvents(events: EventLog, request: FastifyRequest): EventLog {
  const token = sessionToken(request);
  return events.child({
    protocol: 'http',
    remoteAddress: request.ip,
    ...(token === undefined ? {} : { session: createHash('sha256').update(token, 'utf8').digest('hex') }),
  });
}

/** At which SMTP stage the access point would have refused this (docs/logging.md `submission.refused`). */
function refusalStage(refusal: Refusal): 'mail-from' | 'rcpt-to' | 'data' {
  if (refusal.reason === 'invalid-address' || refusal.reason === 'too-many-recipients') return 'rcpt-to';
  if (refusal.reason === 'message-too-large') return 'data';
  return 'mail-from';
}

export function outgoingRoutes(outgoing: OutgoingMail, events: EventLog): ApiRoute[] {
  const bodyLimit = outgoingBodyLimit(outgoing.limits.maxMessageBytes);
  const tooLarge: Refusal = {
    reason: 'message-too-large',
    limitBytes: outgoing.limits.maxMessageBytes,
    part: 'message',
  };
  return [
    apiRoute({
      method: 'GET',
      url: '/api/v1/outgoing/limits',
      operationId: 'getOutgoingLimits',
      summary: 'The size and recipient limits a message must respect (checked before uploading).',
      tag: 'sending',
      auth: true,
      responses: { 200: { description: 'The limits.', schema: outgoingLimitsSchema }, ...sessionResponses },
      handler: () => Promise.resolve(outgoing.limits),
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/recipients/check',
      operationId: 'checkRecipient',
      summary: "Whether an address is valid and its domain a PEC domain (the providers' index).",
      tag: 'sending',
      auth: true,
      query: recipientCheckQuerySchema,
      responses: { 200: { description: 'The check.', schema: recipientCheckSchema }, ...sessionResponses },
      async handler({ query }) {
        const check = await outgoing.checkRecipient(query.address.trim());
        return { address: check.address, valid: check.valid, kind: check.valid ? check.kind : null };
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/outgoing',
      operationId: 'sendMessage',
      summary: 'Send a PEC through the access point; answers the identificativo once accepted.',
      tag: 'sending',
      auth: true,
      body: sendRequestSchema,
      bodyLimit: { bytes: bodyLimit, refusal: tooLarge },
      responses: {
        201: { description: 'Accepted: the acceptance receipt is in INBOX.', schema: sendResultSchema },
        400: { description: 'A malformed request (a Bcc field, for one).', problem: true },
        403: { description: 'The mailbox may not send (sending-disabled, quota-exceeded).', problem: true },
        413: { description: 'Size × recipients over the limit (message-too-large).', problem: true },
        422: {
          description:
            'An invalid address or too many recipients (nothing issued), or not accepted ' +
            '(malformed-message, virus-found: `notice` names the non-acceptance notice in INBOX).',
          problem: true,
        },
        ...sessionResponses,
      },
      async handler({ body, session, request, reply }) {
        const writer = writerOf(session, request);
        const fields = fieldsOf(body);
        const outcome = await outgoing.send(writer, fields);
        const log = requestEvents(events, request);
        if (outcome.kind === 'refused') {
          log.emit({
            event: 'submission.refused',
            stage: refusalStage(outcome.refusal),
            reason: outcome.refusal.reason,
          });
          const recipients = new Set([...fields.to, ...fields.cc].map((a) => a.toLowerCase())).size;
          return send(reply, refusalProblem(outcome.refusal), {
            reasons: reasonsOf(outcome.refusal),
            recipients,
          });
        }
        if (outcome.kind === 'not-accepted') {
          log.emit({
            event: 'submission.refused',
            stage: 'data',
            reason: outcome.refusal.reason,
            id: outcome.identifier,
          });
          return send(reply, refusalProblem(outcome.refusal), {
            reasons: reasonsOf(outcome.refusal),
            identifier: outcome.identifier,
            messageId: outcome.messageId,
          });
        }
        log.emit({
          event: 'submission.accepted',
          id: outcome.identifier,
          user: writer.address,
          recipients: outcome.recipients.length,
        });
        if (body.draftUid !== undefined) await outgoing.deleteDraft(writer, body.draftUid);
        return reply.code(201).send({
          outcome: 'accepted',
          identifier: outcome.identifier,
          messageId: outcome.messageId,
          recipients: outcome.recipients.map((check) => ({
            address: check.address,
            valid: check.valid,
            kind: check.valid ? check.kind : null,
          })),
        });
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/drafts',
      operationId: 'saveDraft',
      summary: 'Save a draft in Drafts (flagged \\Draft), replacing an earlier version when named.',
      tag: 'sending',
      auth: true,
      body: draftRequestSchema,
      bodyLimit: { bytes: bodyLimit, refusal: tooLarge },
      responses: {
        201: { description: 'Saved.', schema: savedDraftSchema },
        413: { description: 'Larger than a message may be (message-too-large).', problem: true },
        507: { description: 'The mailbox quota would be exceeded (quota-exceeded).', problem: true },
        ...sessionResponses,
      },
      async handler({ body, session, request, reply }) {
        const saved = await outgoing.saveDraft(writerOf(session, request), fieldsOf(body), body.replaces);
        return reply.code(201).send({ folderId: String(saved.folderId), uid: saved.uid });
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/drafts/:uid',
      operationId: 'getDraft',
      summary: 'A draft as the fields it was written from, to reopen it in compose (attachments byte-exact).',
      tag: 'sending',
      auth: true,
      params: draftParamsSchema,
      responses: {
        200: { description: 'The draft.', schema: draftFieldsSchema },
        404: { description: 'No such draft in this mailbox.', problem: true },
        ...sessionResponses,
      },
      async handler({ params, session, request, reply }) {
        const fields = await outgoing.readDraft(writerOf(session, request), params.uid);
        if (fields === undefined) return send(reply, requestProblem('not-found', 'There is no such draft.'));
        reply.header('Cache-Control', 'no-store');
        return {
          to: [...fields.to],
          cc: [...fields.cc],
          subject: fields.subject,
          text: fields.text,
          html: fields.html ?? null,
          receiptType: fields.receiptType,
          attachments: fields.attachments.map((attachment) => ({
            name: attachment.name,
            contentType: attachment.contentType,
            content: Buffer.from(attachment.bytes).toString('base64'),
          })),
          inReplyTo: fields.inReplyTo ?? null,
          references: fields.references ?? null,
        };
      },
    }),
    apiRoute({
      method: 'DELETE',
      url: '/api/v1/drafts/:uid',
      operationId: 'deleteDraft',
      summary: 'Delete a draft from Drafts.',
      tag: 'sending',
      auth: true,
      params: draftParamsSchema,
      responses: {
        204: { description: 'Deleted.' },
        404: { description: 'No such draft in this mailbox.', problem: true },
        ...sessionResponses,
      },
      async handler({ params, session, request, reply }) {
        const deleted = await outgoing.deleteDraft(writerOf(session, request), params.uid);
        if (!deleted) return send(reply, requestProblem('not-found', 'There is no such draft.'));
        return reply.code(204).send();
      },
    }),
  ];
}
