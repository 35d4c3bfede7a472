/**
 * The holder's contact data over HTTP (decision 0036): the contact e-mail and mobile on file, a
 * change started (a code goes to the new value), confirmed with that code (then the old contact
 * is told) or cancelled. Acts on the signed-in holder's own box only; refusals are 409 problems.
 */
import { sendConflict } from './send-conflict.ts';
import { z } from 'zod';
import type { ContactView } from '../../../services/new-pec-notices/contact-changes.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import { signedIn } from './session-mailbox.ts';
import { apiRoute, sessionResponses, type ApiRoute } from './api-route.ts';

const contactSchema = z
  .object({
    contactEmail: z.string().nullable().describe('Where the box’s service notices go.'),
    mobile: z.string().nullable(),
    pending: z
      .array(z.object({ kind: z.enum(['email', 'mobile']), value: z.string(), createdAt: z.string() }))
      .describe('Changes waiting for the code sent to the new value; the old value stays in force.'),
  })
  .meta({ id: 'Contact' });
const kind = z.enum(['email', 'mobile']);
const startBody = z.strictObject({ kind, value: z.string().max(254) }).meta({ id: 'ContactChange' });
const confirmBody = z.strictObject({ kind, code: z.string().max(16) }).meta({ id: 'ContactConfirmation' });
const cancelBody = z.strictObject({ kind }).meta({ id: 'ContactCancellation' });

const view = (v: ContactView): z.output<typeof contactSchema> => ({
  contactEmail: v.contactEmail,
  mobile: v.mobile,
  pending: v.pending.map((p) => ({ kind: p.kind, value: p.value, createdAt: p.createdAt.toISOString() })),
});

const responses = {
  200: { description: 'The contact data.', schema: contactSchema },
  409: { description: 'Refused; the problem says why (conflict).', problem: true },
  ...sessionResponses,
} as const;

export function contactChangeRoutes(deps: ApiDependencies): ApiRoute[] {
  const contacts = deps.contactChanges;
  if (contacts === undefined) return [];
  const common = { tag: 'account', auth: true } as const;
  return [
    apiRoute({
      ...common,
      method: 'GET',
      url: '/api/v1/account/contact',
      operationId: 'getContact',
      summary: 'The contact e-mail and mobile on file, and changes waiting for their code.',
      responses: { 200: responses[200], ...sessionResponses },
      async handler({ session }) {
        return view(await contacts.get(signedIn(session).mailboxId));
      },
    }),
    apiRoute({
      ...common,
      method: 'POST',
      url: '/api/v1/account/contact',
      operationId: 'startContactChange',
      summary: 'Starts a change of contact e-mail or mobile: a code goes to the new value.',
      body: startBody,
      responses,
      async handler({ session, body, reply }) {
        const outcome = await contacts.start(signedIn(session).mailboxId, body.kind, body.value);
        if (!outcome.ok) return sendConflict(reply, outcome.problem);
        return view(outcome.view);
      },
    }),
    apiRoute({
      ...common,
      method: 'POST',
      url: '/api/v1/account/contact/confirm',
      operationId: 'confirmContactChange',
      summary: 'Confirms a change with the code sent to the new value; the old contact is told.',
      body: confirmBody,
      responses,
      async handler({ session, body, reply }) {
        const outcome = await contacts.confirm(signedIn(session).mailboxId, body.kind, body.code);
        if (!outcome.ok) return sendConflict(reply, outcome.problem);
        return view(outcome.view);
      },
    }),
    apiRoute({
      ...common,
      method: 'POST',
      url: '/api/v1/account/contact/cancel',
      operationId: 'cancelContactChange',
      summary: 'Cancels a change waiting for its code.',
      body: cancelBody,
      responses: { 200: responses[200], ...sessionResponses },
      async handler({ session, body }) {
        return view(await contacts.cancel(signedIn(session).mailboxId, body.kind));
      },
    }),
  ];
}
