/**
 * The holder's incoming-mail settings (decision 0026), for signed-in sessions only: ordinary mail
 * (policy, folder, forward address) and the allow/block lists of ordinary senders, antispam, and
 * the ordered rules on incoming messages with their Sieve export (RFC 5228).
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { IncomingRule } from '../../../ports/incoming-rule.ts';
import { ruleLimits } from '../../../ports/incoming-rule.ts';
import type { IncomingMailSettings } from '../../../services/incoming-mail/incoming-settings.ts';
import { requestProblem } from '../refusal-problem.ts';
import { apiRoute, sessionResponses, type ApiResponse, type ApiRoute } from './api-route.ts';
import {
  antispamSchema,
  antispamStateSchema,
  idParamSchema,
  ordinaryMailChangeSchema,
  ordinaryMailSchema,
  ruleDefinitionSchema,
  ruleOrderSchema,
  ruleSchema,
  senderAddSchema,
  senderEntrySchema,
} from './incoming-schemas.ts';

const tag = 'settings';
const invalid: Readonly<Record<number, ApiResponse>> = {
  400: { description: 'The request does not follow the schema (invalid-request).', problem: true },
  422: {
    description: 'An invalid address, domain or folder name (invalid-address, invalid-folder-name).',
    problem: true,
  },
};
const missing = { 404: { description: 'No such entry or rule of this mailbox.', problem: true } } as const;

function notFound(reply: FastifyReply): FastifyReply {
  const problem = requestProblem('not-found', 'There is no such entry or rule.');
  return reply.code(problem.status).headers(problem.headers).send(problem.body);
}

function ruleView(rule: IncomingRule): z.infer<typeof ruleSchema> {
  return { ...rule, conditions: [...rule.conditions], actions: [...rule.actions] };
}

function need<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('unreachable: the route needs a session');
  return value;
}

export function incomingRoutes(settings: IncomingMailSettings | undefined): ApiRoute[] {
  if (settings === undefined) return [];
  return [
    apiRoute({
      method: 'GET',
      url: '/api/v1/settings/ordinary-mail',
      operationId: 'getOrdinaryMail',
      summary: 'What happens to ordinary (non-certified) mail, and the allow and block lists of its senders.',
      tag,
      auth: true,
      responses: { 200: { description: 'The settings.', schema: ordinaryMailSchema }, ...sessionResponses },
      async handler({ session }) {
        const result = await settings.ordinaryMail(need(session).mailboxId);
        return { ...result, allow: [...result.allow], block: [...result.block] };
      },
    }),
    apiRoute({
      method: 'PATCH',
      url: '/api/v1/settings/ordinary-mail',
      operationId: 'setOrdinaryMail',
      summary: 'Reject ordinary mail, accept it into a folder, or forward it to another address.',
      tag,
      auth: true,
      body: ordinaryMailChangeSchema,
      responses: {
        200: { description: 'The settings now.', schema: ordinaryMailSchema },
        ...invalid,
        ...sessionResponses,
      },
      async handler({ session, body }) {
        const result = await settings.setOrdinaryMail(need(session).mailboxId, {
          policy: body.policy,
          ...(body.forwardAddress === undefined ? {} : { forwardAddress: body.forwardAddress }),
          ...(body.folder === undefined ? {} : { folder: body.folder }),
        });
        return { ...result, allow: [...result.allow], block: [...result.block] };
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/settings/senders',
      operationId: 'addSender',
      summary: 'Adds an address or a domain to the allow or block list of ordinary senders.',
      tag,
      auth: true,
      body: senderAddSchema,
      responses: {
        201: { description: 'The entry.', schema: senderEntrySchema },
        ...invalid,
        ...sessionResponses,
      },
      async handler({ session, body, reply }) {
        const entry = await settings.addSender(need(session).mailboxId, body.list, body.value);
        return reply.code(201).send(entry);
      },
    }),
    apiRoute({
      method: 'DELETE',
      url: '/api/v1/settings/senders/:id',
      operationId: 'removeSender',
      summary: 'Removes an entry from the allow or block list.',
      tag,
      auth: true,
      params: idParamSchema,
      responses: { 204: { description: 'Removed.' }, ...missing, ...sessionResponses },
      async handler({ session, params, reply }) {
        if (!(await settings.removeSender(need(session).mailboxId, params.id))) return notFound(reply);
        return reply.code(204).send();
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/settings/antispam',
      operationId: 'getAntispam',
      summary: 'The antispam choices: on/off, threshold, what happens to spam.',
      tag,
      auth: true,
      responses: { 200: { description: 'The settings.', schema: antispamStateSchema }, ...sessionResponses },
      async handler({ session }) {
        return settings.antispam(need(session).mailboxId);
      },
    }),
    apiRoute({
      method: 'PATCH',
      url: '/api/v1/settings/antispam',
      operationId: 'setAntispam',
      summary: 'Changes the antispam choices.',
      tag,
      auth: true,
      body: antispamSchema,
      responses: {
        200: { description: 'The settings now.', schema: antispamStateSchema },
        ...invalid,
        ...sessionResponses,
      },
      async handler({ session, body }) {
        return settings.setAntispam(need(session).mailboxId, body);
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/settings/rules',
      operationId: 'listRules',
      summary: 'The rules on incoming messages, in the order they run.',
      tag,
      auth: true,
      responses: {
        200: { description: 'The rules.', schema: z.object({ rules: z.array(ruleSchema) }) },
        ...sessionResponses,
      },
      async handler({ session }) {
        return { rules: (await settings.rules(need(session).mailboxId)).map(ruleView) };
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/settings/rules',
      operationId: 'addRule',
      summary: `Adds a rule at the end (at most ${String(ruleLimits.rules)}).`,
      tag,
      auth: true,
      body: ruleDefinitionSchema,
      responses: {
        201: { description: 'The rule.', schema: ruleSchema },
        ...invalid,
        409: { description: 'Too many rules (request problem conflict).', problem: true },
        ...sessionResponses,
      },
      async handler({ session, body, reply }) {
        const mailboxId = need(session).mailboxId;
        if ((await settings.rules(mailboxId)).length >= ruleLimits.rules) {
          const problem = requestProblem('conflict', `At most ${String(ruleLimits.rules)} rules.`);
          return reply.code(problem.status).headers(problem.headers).send(problem.body);
        }
        return reply.code(201).send(ruleView(await settings.addRule(mailboxId, body)));
      },
    }),
    apiRoute({
      method: 'PATCH',
      url: '/api/v1/settings/rules/:id',
      operationId: 'updateRule',
      summary: 'Replaces a rule (its place in the order stays).',
      tag,
      auth: true,
      params: idParamSchema,
      body: ruleDefinitionSchema,
      responses: {
        200: { description: 'The rule now.', schema: ruleSchema },
        ...invalid,
        ...missing,
        ...sessionResponses,
      },
      async handler({ session, params, body, reply }) {
        const rule = await settings.updateRule(need(session).mailboxId, params.id, body);
        return rule === undefined ? notFound(reply) : ruleView(rule);
      },
    }),
    apiRoute({
      method: 'DELETE',
      url: '/api/v1/settings/rules/:id',
      operationId: 'removeRule',
      summary: 'Deletes a rule.',
      tag,
      auth: true,
      params: idParamSchema,
      responses: { 204: { description: 'Deleted.' }, ...missing, ...sessionResponses },
      async handler({ session, params, reply }) {
        if (!(await settings.removeRule(need(session).mailboxId, params.id))) return notFound(reply);
        return reply.code(204).send();
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/v1/settings/rules/order',
      operationId: 'reorderRules',
      summary: "Sets the order of the rules: every rule's id, first to last.",
      tag,
      auth: true,
      body: ruleOrderSchema,
      responses: {
        204: { description: 'Reordered.' },
        409: { description: "The ids are not exactly this mailbox's rules (conflict).", problem: true },
        ...sessionResponses,
      },
      async handler({ session, body, reply }) {
        if (!(await settings.reorderRules(need(session).mailboxId, body.ids))) {
          const problem = requestProblem('conflict', "List every rule's id exactly once.");
          return reply.code(problem.status).headers(problem.headers).send(problem.body);
        }
        return reply.code(204).send();
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/api/v1/settings/rules/sieve',
      operationId: 'exportRulesSieve',
      summary: 'The rules as a Sieve script (RFC 5228, with fileinto and imap4flags).',
      tag,
      auth: true,
      responses: { 200: { description: 'The script.', mediaType: 'application/sieve' }, ...sessionResponses },
      async handler({ session, reply }) {
        const script = (await settings.sieve(need(session).mailboxId)) ?? '';
        return reply
          .header('content-type', 'application/sieve; charset=utf-8')
          .header('content-disposition', 'attachment; filename="rules.sieve"')
          .send(script);
      },
    }),
  ];
}
