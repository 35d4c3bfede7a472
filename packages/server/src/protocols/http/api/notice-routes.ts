/**
 * The holder's e-mail notices of new PEC over HTTP (decision 0028): list the notice addresses, add
 * one (a code is mailed to it), verify it with that code, remove it. Acts on the signed-in
 * holder's own box only.
 */
import { sendConflict } from './send-conflict.ts';
import { z } from 'zod';
import type { NoticeAddress } from '../../../ports/notice-store.ts';
import { maximumNoticeAddresses } from '../../../services/new-pec-notices/new-pec-notices.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import { apiRoute, sessionResponses, type ApiRoute } from './api-route.ts';

const noticeAddressesSchema = z
  .object({
    addresses: z
      .array(
        z.object({
          address: z.string(),
          verified: z.boolean().describe('Only verified addresses receive notices.'),
          createdAt: z.string().describe('When it was added (ISO 8601).'),
          verifiedAt: z.string().nullable(),
        }),
      )
      .describe('Ordinary addresses told of each new PEC (sender, subject and time only).'),
    maximum: z.number().int().describe('How many addresses a box may have.'),
  })
  .meta({ id: 'NoticeAddresses' });

const addressBody = z.strictObject({ address: z.string().max(254) }).meta({ id: 'NoticeAddressChange' });
const verifyBody = z
  .strictObject({ address: z.string().max(254), code: z.string().max(16) })
  .meta({ id: 'NoticeAddressVerification' });

const view = (addresses: readonly NoticeAddress[]): z.output<typeof noticeAddressesSchema> => ({
  addresses: addresses.map((a) => ({
    address: a.address,
    verified: a.verifiedAt !== null,
    createdAt: a.createdAt.toISOString(),
    verifiedAt: a.verifiedAt?.toISOString() ?? null,
  })),
  maximum: maximumNoticeAddresses,
});

const conflict = {
  409: { description: 'Refused; the problem says why (conflict).', problem: true },
} as const;

export function noticeRoutes(deps: ApiDependencies): ApiRoute[] {
  const notices = deps.notices;
  if (notices === undefined) return [];
  return [
    apiRoute({
      method: 'GET',
      url: '/api/v1/notices/addresses',
      operationId: 'getNoticeAddresses',
      summary: 'The ordinary addresses told of each new PEC.',
      tag: 'notices',
      auth: true,
      responses: { 200: { description: 'The list.', schema: noticeAddressesSchema }, ...sessionResponses },
      async handler({ session }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        return view(await notices.list(session.mailboxId));
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/notices/addresses',
      operationId: 'addNoticeAddress',
      summary:
        'Adds an address (or asks a new code for an unverified one); a verification code is mailed to it.',
      tag: 'notices',
      auth: true,
      body: addressBody,
      responses: {
        200: { description: 'The list, the new address unverified.', schema: noticeAddressesSchema },
        ...conflict,
        ...sessionResponses,
      },
      async handler({ session, body, reply }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        const outcome = await notices.add(session.mailboxId, body.address);
        if (!outcome.ok) return sendConflict(reply, outcome.problem);
        return view(outcome.addresses);
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/notices/addresses/verify',
      operationId: 'verifyNoticeAddress',
      summary: 'Verifies an address with the code mailed to it.',
      tag: 'notices',
      auth: true,
      body: verifyBody,
      responses: {
        200: { description: 'The list, the address verified.', schema: noticeAddressesSchema },
        ...conflict,
        ...sessionResponses,
      },
      async handler({ session, body, reply }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        const outcome = await notices.verify(session.mailboxId, body.address, body.code);
        if (!outcome.ok) return sendConflict(reply, outcome.problem);
        return view(outcome.addresses);
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/notices/addresses/remove',
      operationId: 'removeNoticeAddress',
      summary: 'Removes an address; it is told of no further PEC.',
      tag: 'notices',
      auth: true,
      body: addressBody,
      responses: { 200: { description: 'The list.', schema: noticeAddressesSchema }, ...sessionResponses },
      async handler({ session, body }) {
        if (session === undefined) throw new Error('unreachable: the route needs a session');
        return view(await notices.remove(session.mailboxId, body.address));
      },
    }),
  ];
}
