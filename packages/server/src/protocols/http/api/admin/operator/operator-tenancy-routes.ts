/**
 * Domains, postmasters and plans in the console (decision 0022): listed by admin and support,
 * changed by admin. Adding a domain lists it under this provider in the local index and answers
 * the DNS records to publish (MX, RFC 6186 SRV, autoconfig; the same as `pec domain dns`).
 * A new postmaster's password, or a reset one, is shown once.
 */
import { z } from 'zod';
import type { ApiRoute } from '../../api-route.ts';
import type { AdminApiDependencies } from '../admin-api-dependencies.ts';
import { adminRoute } from '../admin-route.ts';
import type { AdminPrincipal } from '../../../../../services/administration/admin-principal.ts';
import { AccountError } from '../../../../../services/accounts/account-error.ts';
import { asAccountErrors, operatorReaders, operatorWriters, plain } from './operator-access.ts';
import type { OperatorApiDependencies } from './operator-api-dependencies.ts';
import {
  dnsRecordSchema,
  domainAllowancePatchSchema,
  domainAllowanceSchema,
  domainParamsSchema,
  domainSchema,
  newDomainSchema,
  newPlanSchema,
  newPostmasterSchema,
  passwordOnceSchema,
  planParamsSchema,
  planPatchSchema,
  planSchema,
  postmasterDomainsSchema,
  postmasterParamsSchema,
  postmasterSchema,
  removeDomainQuerySchema,
} from './operator-schemas.ts';

export function postmasterView(principal: AdminPrincipal) {
  return {
    email: principal.email,
    displayName: principal.displayName,
    domains: [...principal.domains],
    lastSignInAt: principal.lastSignInAt?.toISOString() ?? null,
    disabledAt: principal.disabledAt?.toISOString() ?? null,
  };
}

export function operatorTenancyRoutes(
  deps: AdminApiDependencies,
  operator: OperatorApiDependencies,
): ApiRoute[] {
  const postmasterOf = async (email: string): Promise<AdminPrincipal> => {
    const found = await operator.postmasters.find(email);
    // Operators are not managed here: they are a 404 like an unknown address.
    if (found?.role !== 'postmaster') throw new AccountError('not-found', `no postmaster ${email}`);
    return found;
  };
  return [
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/operator/domains',
      operationId: 'operatorListDomains',
      summary: 'The mail domains of the provider.',
      tag: 'operator',
      access: { roles: operatorReaders, action: 'domain.list' },
      responses: { 200: { description: 'The domains.', schema: z.array(domainSchema) } },
      async handler() {
        return plain(await operator.domains.list());
      },
    }),
    adminRoute(deps, {
      method: 'POST',
      url: '/api/v1/admin/operator/domains',
      operationId: 'operatorAddDomain',
      summary: 'Add a mail domain; answers the DNS records to publish.',
      tag: 'operator',
      access: { roles: operatorWriters, action: 'domain.add' },
      body: newDomainSchema,
      target: ({ body }) => body.name,
      responses: {
        201: {
          description: 'Added.',
          schema: z.object({
            domain: domainSchema,
            indexUpdated: z.boolean(),
            dns: z.array(dnsRecordSchema),
          }),
        },
        409: { description: 'The domain exists.', problem: true },
      },
      async handler({ body, reply }) {
        const added = await operator.domains.add(body.name, body.description);
        const dns = await operator.domains.dns(added.domain.name);
        reply.code(201);
        return plain({ ...added, dns });
      },
    }),
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/operator/domains/:domain/dns',
      operationId: 'operatorDomainDns',
      summary: 'The DNS records a domain publishes: MX, RFC 6186 SRV, autoconfig and autodiscover.',
      tag: 'operator',
      access: { roles: operatorReaders, action: 'domain.dns' },
      params: domainParamsSchema,
      target: ({ params }) => params.domain,
      responses: { 200: { description: 'The records.', schema: z.array(dnsRecordSchema) } },
      handler: ({ params }) => operator.domains.dns(params.domain),
    }),
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/operator/domains/:domain/allowance',
      operationId: 'operatorDomainAllowance',
      summary: "A domain's allowance: how many boxes, which plans; and the boxes in use.",
      tag: 'operator',
      access: { roles: operatorReaders, action: 'domain.allowance.read' },
      params: domainParamsSchema,
      target: ({ params }) => params.domain,
      responses: { 200: { description: 'The allowance.', schema: domainAllowanceSchema } },
      handler: ({ params }) => operator.domains.allowance(params.domain),
    }),
    adminRoute(deps, {
      method: 'PATCH',
      url: '/api/v1/admin/operator/domains/:domain/allowance',
      operationId: 'operatorSetDomainAllowance',
      summary: "Change a domain's allowance of boxes (null: no limit) or of plans (null: every plan).",
      tag: 'operator',
      access: { roles: operatorWriters, action: 'domain.allowance' },
      params: domainParamsSchema,
      body: domainAllowancePatchSchema,
      target: ({ params }) => params.domain,
      responses: {
        200: { description: 'The allowance.', schema: domainAllowanceSchema },
        404: { description: 'No such domain or plan.', problem: true },
      },
      handler: ({ params, body }) =>
        operator.domains.setAllowance(params.domain, {
          ...(body.boxAllowance === undefined ? {} : { boxAllowance: body.boxAllowance }),
          ...(body.allowedPlans === undefined ? {} : { allowedPlans: body.allowedPlans }),
        }),
    }),
    adminRoute(deps, {
      method: 'DELETE',
      url: '/api/v1/admin/operator/domains/:domain',
      operationId: 'operatorRemoveDomain',
      summary: 'Remove a domain; refused while boxes use it unless force=true.',
      tag: 'operator',
      access: { roles: operatorWriters, action: 'domain.remove' },
      params: domainParamsSchema,
      query: removeDomainQuerySchema,
      target: ({ params }) => params.domain,
      responses: {
        200: { description: 'Removed.', schema: z.object({ mailboxesDeleted: z.number().int() }) },
        409: { description: 'Boxes use the domain.', problem: true },
      },
      handler: ({ params, query }) => operator.domains.remove(params.domain, query.force === 'true'),
    }),
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/operator/postmasters',
      operationId: 'operatorListPostmasters',
      summary: 'The postmasters of customer domains.',
      tag: 'operator',
      access: { roles: operatorReaders, action: 'postmaster.list' },
      responses: { 200: { description: 'The postmasters.', schema: z.array(postmasterSchema) } },
      async handler() {
        return (await operator.postmasters.list('postmaster')).map(postmasterView);
      },
    }),
    adminRoute(deps, {
      method: 'POST',
      url: '/api/v1/admin/operator/postmasters',
      operationId: 'operatorAddPostmaster',
      summary: 'Add a postmaster of some domains; the password is shown once.',
      tag: 'operator',
      access: { roles: operatorWriters, action: 'postmaster.add' },
      body: newPostmasterSchema,
      target: ({ body }) => body.email,
      responses: {
        201: {
          description: 'Added.',
          schema: z.object({ postmaster: postmasterSchema, password: z.string() }),
        },
        409: { description: 'The e-mail address is taken.', problem: true },
      },
      async handler({ body, reply }) {
        const added = await operator.postmasters.add({
          email: body.email,
          role: 'postmaster',
          domains: body.domains,
          ...(body.displayName === undefined ? {} : { displayName: body.displayName }),
        });
        reply.code(201);
        return { postmaster: postmasterView(added.principal), password: added.password };
      },
    }),
    adminRoute(deps, {
      method: 'DELETE',
      url: '/api/v1/admin/operator/postmasters/:email',
      operationId: 'operatorRemovePostmaster',
      summary: 'Remove a postmaster and end its sessions.',
      tag: 'operator',
      access: { roles: operatorWriters, action: 'postmaster.remove' },
      params: postmasterParamsSchema,
      target: ({ params }) => params.email,
      responses: { 204: { description: 'Removed.' } },
      async handler({ params, reply }) {
        await operator.postmasters.remove((await postmasterOf(params.email)).email);
        return reply.code(204).send();
      },
    }),
    adminRoute(deps, {
      method: 'PATCH',
      url: '/api/v1/admin/operator/postmasters/:email',
      operationId: 'operatorChangePostmaster',
      summary: 'Replace the domains a postmaster manages (at least one).',
      tag: 'operator',
      access: { roles: operatorWriters, action: 'postmaster.domains' },
      params: postmasterParamsSchema,
      body: postmasterDomainsSchema,
      target: ({ params, body }) => `${params.email} ${body.domains.join(',')}`,
      responses: {
        200: { description: 'The postmaster.', schema: postmasterSchema },
        404: { description: 'No such postmaster or domain.', problem: true },
      },
      async handler({ params, body }) {
        const postmaster = await postmasterOf(params.email);
        return postmasterView(await operator.postmasters.setDomains(postmaster.email, body.domains));
      },
    }),
    adminRoute(deps, {
      method: 'POST',
      url: '/api/v1/admin/operator/postmasters/:email/password',
      operationId: 'operatorResetPostmasterPassword',
      summary: "Reset a postmaster's password (shown once) and end its sessions.",
      tag: 'operator',
      access: { roles: operatorWriters, action: 'postmaster.password' },
      params: postmasterParamsSchema,
      target: ({ params }) => params.email,
      responses: { 200: { description: 'The new password.', schema: passwordOnceSchema } },
      async handler({ params }) {
        return {
          password: await operator.postmasters.resetPassword((await postmasterOf(params.email)).email),
        };
      },
    }),
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/operator/plans',
      operationId: 'operatorListPlans',
      summary: 'Plans and prices.',
      tag: 'operator',
      access: { roles: operatorReaders, action: 'plan.list' },
      responses: { 200: { description: 'The plans.', schema: z.array(planSchema) } },
      async handler() {
        return plain(await operator.boxLife.listPlans());
      },
    }),
    adminRoute(deps, {
      method: 'POST',
      url: '/api/v1/admin/operator/plans',
      operationId: 'operatorAddPlan',
      summary: 'Add a plan.',
      tag: 'operator',
      access: { roles: operatorWriters, action: 'plan.add' },
      body: newPlanSchema,
      target: ({ body }) => body.name,
      responses: { 201: { description: 'Added.', schema: planSchema } },
      async handler({ body, reply }) {
        const plan = await asAccountErrors(() => operator.boxLife.addPlan(body));
        reply.code(201);
        return plain(plan);
      },
    }),
    adminRoute(deps, {
      method: 'PATCH',
      url: '/api/v1/admin/operator/plans/:name',
      operationId: 'operatorChangePlan',
      summary: 'Change a plan (price, quota, duration, description).',
      tag: 'operator',
      access: { roles: operatorWriters, action: 'plan.change' },
      params: planParamsSchema,
      body: planPatchSchema,
      target: ({ params }) => params.name,
      responses: { 200: { description: 'The plan.', schema: planSchema } },
      async handler({ params, body }) {
        const patch = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
        return plain(await asAccountErrors(() => operator.boxLife.setPlan(params.name, patch)));
      },
    }),
  ];
}
