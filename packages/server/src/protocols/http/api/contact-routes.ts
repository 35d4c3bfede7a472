/**
 * The holder's address book over HTTP (decision 0037): list (optionally one group), create, read,
 * change and delete contacts; address suggestions for the composer; vCard 4 export (all or one)
 * and import with a report of the cards left out. Always the signed-in holder's own box: another
 * holder's contact id answers 404, as an unknown one does.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  cardRejections,
  contactProblems,
  maxAddresses,
  maxGroupLength,
  maxGroups,
  maxNameLength,
  maxNotesLength,
  maxPhoneLength,
  maxPhones,
  type Contact,
  type ContactsService,
  type SaveOutcome,
} from '../../../services/contacts/contacts.ts';
import { requestProblem } from '../refusal-problem.ts';
import { apiRoute, sessionResponses, type ApiRoute } from './api-route.ts';
import { notFound, signedIn } from './session-mailbox.ts';

/** The largest .vcf text accepted by the import, in characters (within the API's 1 MiB body). */
export const maxImportChars = 900_000;

const addressSchema = z
  .object({
    address: z.string(),
    inIndex: z.boolean().describe("The address's domain is in the providers' index (a PEC recipient)."),
  })
  .meta({ id: 'ContactAddress' });

export const contactSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    pec: z.array(addressSchema),
    emails: z.array(addressSchema),
    phones: z.array(z.string()),
    notes: z.string(),
    groups: z.array(z.string()),
    updatedAt: z.string(),
  })
  .meta({ id: 'Contact' });

export const contactFieldsSchema = z
  .object({
    name: z.string().max(maxNameLength).default('').describe('Empty: the first address names the contact.'),
    pec: z.array(z.string().max(320)).max(maxAddresses).default([]),
    emails: z.array(z.string().max(320)).max(maxAddresses).default([]),
    phones: z.array(z.string().max(maxPhoneLength)).max(maxPhones).default([]),
    notes: z.string().max(maxNotesLength).default(''),
    groups: z.array(z.string().max(maxGroupLength)).max(maxGroups).default([]),
  })
  .strict()
  .meta({ id: 'ContactFields' });

const contactListSchema = z
  .object({ contacts: z.array(contactSchema), groups: z.array(z.string()) })
  .meta({ id: 'ContactList' });
const idParams = z.object({ id: z.string().regex(/^[1-9][0-9]{0,15}$/) });
const listQuery = z.object({ group: z.string().max(maxGroupLength).optional() });
const suggestQuery = z.object({ q: z.string().max(320) });
const suggestionsSchema = z
  .object({
    suggestions: z.array(
      z.object({
        contactId: z.string(),
        name: z.string(),
        address: z.string(),
        pec: z.boolean(),
        inIndex: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'ContactSuggestions' });
const importBody = z.object({ vcard: z.string().max(maxImportChars) }).strict();
const importReportSchema = z
  .object({
    imported: z.number().int(),
    rejected: z.array(
      z.object({ card: z.number().int(), name: z.string().nullable(), reason: z.enum(cardRejections) }),
    ),
  })
  .meta({ id: 'ContactImportReport' });

function view(contact: Contact) {
  return { ...contact, id: String(contact.id), updatedAt: contact.updatedAt.toISOString() };
}

function answer(reply: FastifyReply, outcome: SaveOutcome, created: boolean) {
  if (outcome.kind === 'not-found') return notFound(reply, 'There is no such contact.');
  if (outcome.kind === 'invalid') {
    const problem = requestProblem('invalid-request', `The contact cannot be saved: ${outcome.problem}.`);
    return reply
      .code(problem.status)
      .headers(problem.headers)
      .send({
        ...problem.body,
        contactProblem: outcome.problem,
        ...(outcome.value === undefined ? {} : { value: outcome.value }),
      });
  }
  return reply.code(created ? 201 : 200).send(view(outcome.contact));
}

const invalid = {
  description: `A field that does not fit; \`contactProblem\` is one of ${contactProblems.join(', ')}.`,
  problem: true as const,
};

export function contactRoutes(contacts: ContactsService | undefined): ApiRoute[] {
  if (contacts === undefined) return [];
  const box = (session: Parameters<typeof signedIn>[0]) => signedIn(session).mailboxId;
  return [
    apiRoute({
      method: 'GET',
      url: '/api/v1/contacts',
      operationId: 'listContacts',
      summary: "The holder's contacts by name, optionally of one group, and every group used.",
      tag: 'contacts',
      auth: true,
      query: listQuery,
      responses: { 200: { description: 'The contacts.', schema: contactListSchema }, ...sessionResponses },
      async handler({ session, query, reply }) {
        reply.header('Cache-Control', 'no-store');
        const list = await contacts.list(box(session), query.group);
        return { contacts: list.map(view), groups: await contacts.groups(box(session)) };
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/contacts',
      operationId: 'createContact',
      summary: 'Add a contact.',
      tag: 'contacts',
      auth: true,
      body: contactFieldsSchema,
      responses: { 201: { description: 'Added.', schema: contactSchema }, 400: invalid, ...sessionResponses },
      handler: async ({ session, body, reply }) =>
        answer(reply, await contacts.create(box(session), body), true),
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/contacts/suggestions',
      operationId: 'suggestContacts',
      summary: 'Addresses whose contact name (any word) or address starts with `q`, PEC first.',
      tag: 'contacts',
      auth: true,
      query: suggestQuery,
      responses: { 200: { description: 'At most ten.', schema: suggestionsSchema }, ...sessionResponses },
      async handler({ session, query, reply }) {
        reply.header('Cache-Control', 'no-store');
        const found = await contacts.suggest(box(session), query.q);
        return { suggestions: found.map((s) => ({ ...s, contactId: String(s.contactId) })) };
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/contacts/export',
      operationId: 'exportContacts',
      summary: 'Every contact as vCard 4.0 (RFC 6350), to save as a .vcf file.',
      tag: 'contacts',
      auth: true,
      responses: { 200: { description: 'The vCard file.', mediaType: 'text/vcard' }, ...sessionResponses },
      async handler({ session, reply }) {
        const text = (await contacts.exportCards(box(session))) ?? '';
        return reply
          .header('Cache-Control', 'no-store')
          .header('Content-Disposition', 'attachment; filename="contacts.vcf"')
          .type('text/vcard; charset=utf-8')
          .send(text);
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/contacts/import',
      operationId: 'importContacts',
      summary: 'Add the contacts of a vCard file (4.0, or 3.0); each card left out is reported with why.',
      tag: 'contacts',
      auth: true,
      body: importBody,
      responses: {
        200: { description: 'How many were added, and the cards left out.', schema: importReportSchema },
        400: { description: 'Not a JSON body with `vcard` text (invalid-request).', problem: true },
        ...sessionResponses,
      },
      handler: ({ session, body }) => contacts.importCards(box(session), body.vcard),
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/contacts/:id',
      operationId: 'getContact',
      summary: 'One contact.',
      tag: 'contacts',
      auth: true,
      params: idParams,
      responses: {
        200: { description: 'The contact.', schema: contactSchema },
        404: { description: 'No such contact for this holder.', problem: true },
        ...sessionResponses,
      },
      async handler({ session, params, reply }) {
        const contact = await contacts.get(box(session), Number(params.id));
        if (contact === undefined) return notFound(reply, 'There is no such contact.');
        return view(contact);
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/contacts/:id/vcard',
      operationId: 'exportContact',
      summary: 'One contact as vCard 4.0.',
      tag: 'contacts',
      auth: true,
      params: idParams,
      responses: {
        200: { description: 'The vCard.', mediaType: 'text/vcard' },
        404: { description: 'No such contact for this holder.', problem: true },
        ...sessionResponses,
      },
      async handler({ session, params, reply }) {
        const text = await contacts.exportCards(box(session), Number(params.id));
        if (text === undefined) return notFound(reply, 'There is no such contact.');
        return reply
          .header('Content-Disposition', `attachment; filename="contact-${params.id}.vcf"`)
          .type('text/vcard; charset=utf-8')
          .send(text);
      },
    }),
    apiRoute({
      method: 'PATCH',
      url: '/api/v1/contacts/:id',
      operationId: 'updateContact',
      summary: 'Replace a contact’s fields (those left out become empty).',
      tag: 'contacts',
      auth: true,
      params: idParams,
      body: contactFieldsSchema,
      responses: {
        200: { description: 'The contact after the change.', schema: contactSchema },
        400: invalid,
        404: { description: 'No such contact for this holder.', problem: true },
        ...sessionResponses,
      },
      handler: async ({ session, params, body, reply }) =>
        answer(reply, await contacts.update(box(session), Number(params.id), body), false),
    }),
    apiRoute({
      method: 'DELETE',
      url: '/api/v1/contacts/:id',
      operationId: 'deleteContact',
      summary: 'Delete a contact.',
      tag: 'contacts',
      auth: true,
      params: idParams,
      responses: {
        204: { description: 'Deleted.' },
        404: { description: 'No such contact for this holder.', problem: true },
        ...sessionResponses,
      },
      async handler({ session, params, reply }) {
        if (!(await contacts.remove(box(session), Number(params.id))))
          return notFound(reply, 'There is no such contact.');
        return reply.code(204).send();
      },
    }),
  ];
}
