/**
 * The session's folders and the messages in one: GET /api/v1/folders (with message and unread
 * counts) and GET /api/v1/folders/:id/messages (server-side sort, search and keyset paging through
 * the mailbox-access service's listing).
 */
import { pecHeaders } from '@pec/core';
import type { Folder, SpecialUse } from '../../../ports/mailbox-store.ts';
import type { ArchiveKind } from '../../../ports/security-archive-store.ts';
import { archiveKindCriteria } from '../../../services/security-archive/archive-kind-criteria.ts';
import { readListingCursor } from '../../../services/mailbox-access/listing-cursor.ts';
import type { SearchCriteria } from '../../../services/mailbox-access/search-criteria.ts';
import type { SortCriterion, SortKeyName } from '../../../services/mailbox-access/sort-messages.ts';
import type { WebSession } from '../../../services/web-sessions/web-sessions.ts';
import { requestProblem } from '../refusal-problem.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import { apiRoute, tokenResponses, type ApiRoute } from './api-route.ts';
import {
  folderListSchema,
  folderParamsSchema,
  messageListQuerySchema,
  messagePageSchema,
} from './api-schemas.ts';
import { entityTag, notModified } from './conditional-get.ts';
import { sessionFolder } from './mailbox-folder.ts';
import { listPreviews } from './list-previews.ts';
import { messageSummary } from './message-view.ts';

const specialUses: Readonly<Partial<Record<SpecialUse, 'sent' | 'drafts' | 'trash' | 'junk' | 'archive'>>> = {
  '\\Sent': 'sent',
  '\\Drafts': 'drafts',
  '\\Trash': 'trash',
  '\\Junk': 'junk',
  '\\Archive': 'archive',
};

/** The API's sort names as RFC 5256 keys; equal messages keep UID order. */
const sortKeys: Readonly<Record<string, SortKeyName>> = {
  date: 'DATE',
  from: 'DISPLAYFROM',
  subject: 'SUBJECT',
  size: 'SIZE',
};

export function specialUseOf(folder: Folder) {
  if (folder.name.toUpperCase() === 'INBOX') return 'inbox';
  if (folder.securityArchive) return 'security-archive';
  return folder.specialUse === null ? null : (specialUses[folder.specialUse] ?? null);
}

function sortOf(sort: string): SortCriterion[] {
  const reverse = sort.startsWith('-');
  return [{ key: sortKeys[sort.replace(/^-/, '')] ?? 'DATE', reverse }];
}

/** Every word of `q` somewhere in the headers or text (RFC 9051 SEARCH TEXT semantics). */
function criteriaOf(q: string): SearchCriteria {
  const words = q.split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return { kind: 'all' };
  return { kind: 'and', criteria: words.map((value) => ({ kind: 'text', value })) };
}

/** Receipts and notices carry `X-Ricevuta` (pec-spec §3.2–§3.8): hiding them leaves them in place. */
function withoutReceipts(criteria: SearchCriteria): SearchCriteria {
  return {
    kind: 'and',
    criteria: [criteria, { kind: 'not', criteria: { kind: 'header', field: pecHeaders.receipt, value: '' } }],
  };
}

/** Only the messages of one security-archive kind, when asked (decision 0035). */
function ofKind(criteria: SearchCriteria, kind: ArchiveKind | undefined): SearchCriteria {
  return kind === undefined ? criteria : { kind: 'and', criteria: [criteria, archiveKindCriteria(kind)] };
}

function signedIn(session: WebSession | undefined): WebSession {
  if (session === undefined) throw new Error('unreachable: the route needs a session');
  return session;
}

export function folderRoutes(deps: ApiDependencies): ApiRoute[] {
  return [
    apiRoute({
      method: 'GET',
      url: '/api/v1/folders',
      operationId: 'listFolders',
      summary: "The mailbox's folders with message and unread counts.",
      tag: 'mailbox',
      auth: true,
      tokenScope: 'messages:read',
      responses: { 200: { description: 'The folders.', schema: folderListSchema }, ...tokenResponses },
      async handler({ session }) {
        const folders = await deps.mailboxes.folders.list(signedIn(session).mailboxId);
        return {
          folders: await Promise.all(
            folders.map(async (folder) => {
              const stats = await deps.mailboxes.folders.stats(folder.id);
              return {
                id: String(folder.id),
                name: folder.name,
                specialUse: specialUseOf(folder),
                total: stats.messages,
                unread: stats.unseen,
              };
            }),
          ),
        };
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/folders/:id/messages',
      operationId: 'listMessages',
      summary: 'One page of a folder, sorted and optionally searched.',
      tag: 'mailbox',
      auth: true,
      tokenScope: 'messages:read',
      params: folderParamsSchema,
      query: messageListQuerySchema,
      responses: {
        200: { description: 'One page.', schema: messagePageSchema },
        400: { description: 'A malformed query, or a cursor made for another sort.', problem: true },
        304: { description: 'The page named by If-None-Match is current.' },
        404: { description: 'No such folder in this mailbox.', problem: true },
        ...tokenResponses,
      },
      async handler({ params, query, session, request, reply }) {
        const folder = await sessionFolder(deps, signedIn(session), params.id);
        if (folder === undefined) {
          const problem = requestProblem('not-found', 'There is no such folder.');
          return reply.code(problem.status).headers(problem.headers).send(problem.body);
        }
        // Any change to the folder's messages raises its highest modseq (RFC 7162 §3.1.2.1) or
        // its UIDNEXT; together with the query they name this page.
        const stats = await deps.mailboxes.folders.stats(folder.id);
        const tag = entityTag(
          'list',
          stats.uidValidity,
          stats.uidNext,
          stats.highestModseq,
          stats.messages,
          query.sort,
          query.cursor ?? '',
          query.limit,
          query.q,
          query.kind ?? '',
          query.receipts,
          query.preview,
        );
        if (notModified(request, reply, tag)) return reply;
        const sort = sortOf(query.sort);
        const after = query.cursor === undefined ? undefined : readListingCursor(query.cursor, sort);
        if (query.cursor !== undefined && after === undefined) {
          const problem = requestProblem('invalid-request', 'The cursor is not one of this listing.');
          return reply.code(problem.status).headers(problem.headers).send(problem.body);
        }
        const listing = await deps.mailboxes.reading.list({
          scope: { folderId: folder.id },
          criteria: ofKind(
            query.receipts === 'hide' ? withoutReceipts(criteriaOf(query.q)) : criteriaOf(query.q),
            query.kind,
          ),
          sort,
          page: { limit: query.limit, ...(after === undefined ? {} : { after }) },
        });
        const stored = listing.messages.map((match) => match.message);
        const previews = query.preview === '1' ? await listPreviews(deps, stored) : undefined;
        return {
          messages: stored.map((message, index) => ({
            ...messageSummary(message),
            ...(previews === undefined ? {} : { preview: previews[index] ?? '' }),
          })),
          nextCursor: listing.nextCursor,
          total: listing.total,
        };
      },
    }),
  ];
}
