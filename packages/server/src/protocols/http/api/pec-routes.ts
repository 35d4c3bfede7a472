/**
 * The PEC side of a message (issue "What makes it a PEC webmail"), from the pec-evidence service:
 * GET …/pec (what the message is, the signature check, the daticert facts), GET …/receipts (the
 * dossier of a PEC the holder sent, per recipient, each receipt one link away) and GET …/evidence
 * (the evidence pack, a zip). A message of another mailbox, or one without a dossier, is a 404.
 */
import type { MessageLink } from '../../../services/pec-evidence/pec-evidence.ts';
import type { MessageLocator } from '../../../services/pec-evidence/pec-evidence-dependencies.ts';
import type { WebSession } from '../../../services/web-sessions/web-sessions.ts';
import { requestProblem } from '../refusal-problem.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import { apiRoute, sessionResponses, type ApiRoute } from './api-route.ts';
import { messageParamsSchema } from './api-schemas.ts';
import { sessionFolder } from './mailbox-folder.ts';
import { pecTypeOf } from './message-view.ts';
import { pecDetailsSchema, receiptsDossierSchema } from './pec-schemas.ts';

const zipType = 'application/zip';

function linkView(link: MessageLink) {
  return {
    folderId: String(link.folderId),
    uid: link.uid,
    pecType: pecTypeOf(link.pecType),
    subject: link.subject,
    date: link.date.toISOString(),
  };
}

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export function pecRoutes(deps: ApiDependencies): ApiRoute[] {
  const notFound = (detail: string) => requestProblem('not-found', detail);

  /** The message the path names, only within the session's own mailbox. */
  async function locate(
    session: WebSession | undefined,
    params: { folderId: string; uid: number },
  ): Promise<MessageLocator | undefined> {
    if (session === undefined) return undefined;
    const folder = await sessionFolder(deps, session, params.folderId);
    if (folder === undefined) return undefined;
    return { mailboxId: session.mailboxId, holder: session.address, folderId: folder.id, uid: params.uid };
  }

  const responses404 = (what: string) => ({
    404: { description: what, problem: true as const },
    ...sessionResponses,
  });

  return [
    apiRoute({
      method: 'GET',
      url: '/api/v1/messages/:folderId/:uid/pec',
      operationId: 'getPecDetails',
      summary: 'What the message is in PEC terms, its signature check and its daticert facts.',
      tag: 'pec',
      auth: true,
      params: messageParamsSchema,
      responses: {
        200: { description: 'The PEC details.', schema: pecDetailsSchema },
        ...responses404('No such folder or message in this mailbox.'),
      },
      async handler({ params, session, reply }) {
        const locator = await locate(session, params);
        const details = locator === undefined ? undefined : await deps.pecEvidence.details(locator);
        if (details === undefined) {
          const problem = notFound('There is no such message.');
          return reply.code(problem.status).headers(problem.headers).send(problem.body);
        }
        const s = details.signature;
        return {
          ...details,
          kind: pecTypeOf(details.kind),
          signature: {
            ...s,
            signingTime: iso(s.signingTime),
            revocation:
              s.revocation === null
                ? null
                : {
                    ...s.revocation,
                    checkedAt: s.revocation.checkedAt.toISOString(),
                    revokedAt: s.revocation.revokedAt?.toISOString() ?? null,
                  },
          },
          sent:
            details.sent === null
              ? null
              : { identifier: details.sent.identifier, acceptedAt: details.sent.acceptedAt.toISOString() },
          proves: details.proves === null ? null : linkView(details.proves),
          checkedAt: details.checkedAt.toISOString(),
        };
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/messages/:folderId/:uid/receipts',
      operationId: 'getReceiptsDossier',
      summary: 'The receipts dossier of a PEC the holder sent, from its Sent copy or any of its receipts.',
      tag: 'pec',
      auth: true,
      params: messageParamsSchema,
      responses: {
        200: { description: 'The dossier.', schema: receiptsDossierSchema },
        ...responses404('No such message, or not a PEC this holder sent.'),
      },
      async handler({ params, session, reply }) {
        const locator = await locate(session, params);
        const dossier = locator === undefined ? undefined : await deps.pecEvidence.dossier(locator);
        if (dossier === undefined) {
          const problem = notFound('There is no receipts dossier for this message.');
          return reply.code(problem.status).headers(problem.headers).send(problem.body);
        }
        return {
          ...dossier,
          acceptedAt: dossier.acceptedAt.toISOString(),
          message: linkView(dossier.message),
          recipients: dossier.recipients.map((recipient) => ({
            ...recipient,
            steps: recipient.steps.map((step) => ({
              ...step,
              at: step.at.toISOString(),
              receipt: step.receipt === null ? null : linkView(step.receipt),
            })),
          })),
          receipts: dossier.receipts.map(linkView),
        };
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/messages/:folderId/:uid/evidence',
      operationId: 'getEvidencePack',
      summary:
        'The evidence pack (zip): original, transport envelope and receipts byte-exact, daticert.xml, verification.json and verification.pdf.',
      tag: 'pec',
      auth: true,
      params: messageParamsSchema,
      responses: {
        200: { description: 'The evidence pack.', mediaType: zipType },
        ...responses404('No such message, or not a PEC this holder sent.'),
      },
      async handler({ params, session, reply }) {
        const locator = await locate(session, params);
        const pack = locator === undefined ? undefined : await deps.pecEvidence.evidencePack(locator);
        if (pack === undefined) {
          const problem = notFound('There is no evidence pack for this message.');
          return reply.code(problem.status).headers(problem.headers).send(problem.body);
        }
        return reply
          .code(200)
          .header('content-type', zipType)
          .header('content-disposition', `attachment; filename="${pack.fileName}"`)
          .send(Buffer.from(pack.zip.buffer, pack.zip.byteOffset, pack.zip.byteLength));
      },
    }),
  ];
}
