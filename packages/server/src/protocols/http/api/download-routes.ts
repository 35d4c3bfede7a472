/**
 * Downloads of the session's messages, byte-exact (signed bytes are sacred): the raw message as
 * stored (`.eml`, message/rfc822) and each attachment with its transfer encoding undone, named by
 * Content-Disposition with RFC 6266 `filename*`. Served as downloads only (`attachment`, nosniff,
 * a sandboxing CSP), so no part of a message can ever run as a page of the webmail's origin. The
 * bytes of a UID never change (RFC 9051 §2.3.1.1), so the entity tag is the UID under its
 * UIDVALIDITY.
 */
import { decodeEncodedWords } from '@pec/core';
import type { FastifyReply } from 'fastify';
import type { ApiDependencies } from './api-dependencies.ts';
import { apiRoute, sessionResponses, type ApiResponse, type ApiRoute } from './api-route.ts';
import { messageParamsSchema } from './api-schemas.ts';
import { attachmentParamsSchema } from './action-schemas.ts';
import { entityTag, notModified } from './conditional-get.ts';
import { attachmentDisposition, safeFileName } from './content-disposition.ts';
import { folderOr404, notFound } from './session-mailbox.ts';

function sendDownload(reply: FastifyReply, bytes: Uint8Array, contentType: string, name: string) {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', attachmentDisposition(name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "sandbox; default-src 'none'")
    .header('content-length', String(bytes.byteLength))
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

const answers = (what: string): Readonly<Record<number, ApiResponse>> => ({
  200: { description: what, mediaType: 'application/octet-stream' },
  304: { description: 'The copy named by If-None-Match is current.' },
  404: { description: 'No such folder, message or part in this mailbox.', problem: true },
  ...sessionResponses,
});

export function downloadRoutes(deps: ApiDependencies): ApiRoute[] {
  return [
    apiRoute({
      method: 'GET',
      url: '/api/v1/messages/:folderId/:uid/raw',
      operationId: 'downloadMessage',
      summary: 'The whole message exactly as stored (.eml).',
      tag: 'mailbox',
      auth: true,
      params: messageParamsSchema,
      responses: answers('The message, message/rfc822.'),
      async handler({ params, session, request, reply }) {
        const folder = await folderOr404(deps, session, params.folderId, reply);
        if (folder === undefined) return reply;
        const [stored] = await deps.mailboxes.messages.list(folder.id, [
          { from: params.uid, to: params.uid },
        ]);
        if (stored?.uid !== params.uid) return notFound(reply, 'There is no such message.');
        if (notModified(request, reply, entityTag('raw', folder.uidValidity, stored.uid))) return reply;
        const bytes = await deps.mailboxes.messages.content(stored);
        const subject = decodeEncodedWords(stored.envelope.subject ?? '');
        const name = `${safeFileName(subject, `message-${String(stored.uid)}`)}.eml`;
        return sendDownload(reply, bytes, 'message/rfc822', name);
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/messages/:folderId/:uid/attachments/:part',
      operationId: 'downloadAttachment',
      summary: 'One attachment, its transfer encoding undone, as sent.',
      tag: 'mailbox',
      auth: true,
      params: attachmentParamsSchema,
      responses: answers('The attachment under its media type.'),
      async handler({ params, session, request, reply }) {
        const folder = await folderOr404(deps, session, params.folderId, reply);
        if (folder === undefined) return reply;
        const tag = entityTag('part', folder.uidValidity, params.uid, params.part);
        const path = params.part.split('.').map(Number);
        const part = await deps.mailboxes.reading.decodedPart({ folderId: folder.id, uid: params.uid }, path);
        if (part.kind !== 'data') return notFound(reply, 'There is no such attachment.');
        if (notModified(request, reply, tag)) return reply;
        const name = safeFileName(part.filename ?? '', `part-${params.part}`);
        return sendDownload(reply, part.data, part.contentType, name);
      },
    }),
  ];
}
