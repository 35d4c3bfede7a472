/**
 * The postmaster panel's routes (decision 0021): the domains a principal administers, box search,
 * the box card, password change, creation, suspension, the domain's defaults, the usage report
 * (CSV) and the bulk import from CSV with a dry run. Postmasters act within their domains (404
 * elsewhere), the operator's admin everywhere; support reads domains, searches and box cards
 * (metadata only, never contents) and changes nothing; the auditor has none of these.
 */
import type { FastifyRequest } from 'fastify';
import type { MailboxStatus } from '../../../../ports/account-store.ts';
import type { AdminRole } from '../../../../ports/admin-store.ts';
import { domainOfAddress } from '../../../../services/administration/admin-principal.ts';
import type { BoxCard, BoxSummary } from '../../../../services/administration/postmaster-panel.ts';
import type { ApiRoute } from '../api-route.ts';
import type { AdminApiDependencies } from './admin-api-dependencies.ts';
import { adminRoute } from './admin-route.ts';
import {
  administeredDomainSchema,
  boxCardSchema,
  boxPageSchema,
  boxParamsSchema,
  boxSearchQuerySchema,
  createdBoxSchema,
  domainDefaultsSchema,
  domainListSchema,
  domainParamsSchema,
  importQuerySchema,
  importReportSchema,
  importRequestSchema,
  newBoxSchema,
  passwordAnswerSchema,
  passwordRequestSchema,
  suspensionSchema,
} from './panel-schemas.ts';

const readers: readonly AdminRole[] = ['postmaster', 'admin', 'support'];
const writers: readonly AdminRole[] = ['postmaster', 'admin'];

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

function summaryJson(box: BoxSummary) {
  return { ...box, expiresAt: iso(box.expiresAt), lastLoginAt: iso(box.lastLoginAt) };
}

function cardJson(card: BoxCard) {
  return {
    ...summaryJson(card),
    domain: card.domain,
    holderTaxCode: card.holderTaxCode,
    contactEmail: card.contactEmail,
    mobile: card.mobile,
    activatedAt: iso(card.activatedAt),
    createdAt: card.createdAt.toISOString(),
    ordinaryMailPolicy: card.ordinaryMailPolicy,
    accessHistory: card.accessHistory.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
  };
}

const domainParam = (request: FastifyRequest): string | undefined =>
  (request.params as { domain?: string }).domain?.trim().toLowerCase();
const boxDomain = (request: FastifyRequest): string | undefined =>
  domainOfAddress((request.params as { address?: string }).address ?? '');

export function panelRoutes(deps: AdminApiDependencies): ApiRoute[] {
  const { panel } = deps;
  return [
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/domains',
      operationId: 'listAdministeredDomains',
      summary: 'The customer domains the principal administers, with their boxes and allowance.',
      tag: 'admin',
      access: { roles: readers, action: 'domain.list' },
      audited: false,
      responses: { 200: { description: 'The domains.', schema: domainListSchema } },
      async handler({ principal }) {
        return { domains: await panel.domains(principal) };
      },
    }),
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/domains/:domain/boxes',
      operationId: 'searchBoxes',
      summary: 'Search the boxes of a domain by address, holder, status and usage.',
      tag: 'admin',
      access: { roles: readers, action: 'box.search', domainOf: domainParam },
      params: domainParamsSchema,
      query: boxSearchQuerySchema,
      responses: { 200: { description: 'One page of boxes.', schema: boxPageSchema } },
      async handler({ principal, params, query }) {
        const page = await panel.search(principal, params.domain, {
          ...(query.q === undefined ? {} : { q: query.q }),
          ...(query.status === undefined ? {} : { status: query.status as MailboxStatus }),
          ...(query.minUsage === undefined ? {} : { minUsagePercent: query.minUsage }),
          limit: query.limit,
          offset: query.offset,
        });
        return { boxes: page.boxes.map(summaryJson), total: page.total };
      },
    }),
    adminRoute(deps, {
      method: 'POST',
      url: '/api/v1/admin/domains/:domain/boxes',
      operationId: 'createBox',
      summary: "Create a box on the domain, within its allowance, with the domain's defaults.",
      tag: 'admin',
      access: { roles: writers, action: 'box.create', domainOf: domainParam },
      params: domainParamsSchema,
      body: newBoxSchema,
      target: ({ body }) => body.address.trim().toLowerCase(),
      responses: {
        201: { description: 'Created; the password is shown once.', schema: createdBoxSchema },
        400: { description: 'A field is invalid.', problem: true },
        409: { description: 'The address is taken or reserved, or the allowance is used up.', problem: true },
      },
      async handler({ principal, params, body, reply }) {
        const { box, password } = await panel.create(principal, params.domain, {
          address: body.address,
          holderName: body.holderName,
          ...(body.taxCode === undefined ? {} : { taxCode: body.taxCode }),
          ...(body.contactEmail === undefined ? {} : { contactEmail: body.contactEmail }),
          ...(body.mobile === undefined ? {} : { mobile: body.mobile }),
          ...(body.plan === undefined ? {} : { plan: body.plan }),
          ...(body.password === undefined ? {} : { password: body.password }),
        });
        return reply.code(201).send({ box: cardJson(box), password });
      },
    }),
    adminRoute(deps, {
      method: 'POST',
      url: '/api/v1/admin/domains/:domain/boxes/import',
      operationId: 'importBoxes',
      summary: 'Create boxes from CSV; with dryRun=true only check and report every bad row.',
      tag: 'admin',
      access: { roles: writers, action: 'box.import', domainOf: domainParam },
      params: domainParamsSchema,
      query: importQuerySchema,
      body: importRequestSchema,
      bodyLimit: {
        bytes: 6 * 1024 * 1024,
        refusal: { reason: 'message-too-large', limitBytes: 6 * 1024 * 1024, part: 'message' },
      },
      target: ({ params, query }) => `${params.domain}${query.dryRun === 'true' ? ' (dry run)' : ''}`,
      responses: {
        200: {
          description: 'The report: bad rows, and the boxes created with their passwords.',
          schema: importReportSchema,
        },
        400: { description: 'The file has no header line naming the columns.', problem: true },
      },
      async handler({ principal, params, query, body }) {
        return panel.importBoxes(principal, params.domain, body.csv, query.dryRun === 'true');
      },
    }),
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/domains/:domain/defaults',
      operationId: 'getDomainDefaults',
      summary: "The domain's defaults for new boxes and its allowance.",
      tag: 'admin',
      access: { roles: readers, action: 'domain.defaults.read', domainOf: domainParam },
      audited: false,
      params: domainParamsSchema,
      responses: { 200: { description: 'The domain.', schema: administeredDomainSchema } },
      async handler({ principal, params }) {
        return panel.defaults(principal, params.domain);
      },
    }),
    adminRoute(deps, {
      method: 'PATCH',
      url: '/api/v1/admin/domains/:domain/defaults',
      operationId: 'setDomainDefaults',
      summary: "Change the domain's defaults for new boxes (ordinary-mail policy, antispam).",
      tag: 'admin',
      access: { roles: writers, action: 'domain.defaults', domainOf: domainParam },
      params: domainParamsSchema,
      body: domainDefaultsSchema,
      target: ({ params, body }) =>
        [
          params.domain,
          ...(body.ordinaryMailPolicy === undefined ? [] : [`ordinary mail ${body.ordinaryMailPolicy}`]),
          ...(body.antispam === undefined
            ? []
            : [
                `antispam ${body.antispam.enabled ? 'on' : 'off'} ${String(body.antispam.threshold)} ${body.antispam.action}`,
              ]),
        ].join(' '),
      responses: { 200: { description: 'The domain.', schema: administeredDomainSchema } },
      async handler({ principal, params, body }) {
        return panel.setDefaults(principal, params.domain, {
          ...(body.ordinaryMailPolicy === undefined ? {} : { ordinaryMailPolicy: body.ordinaryMailPolicy }),
          ...(body.antispam === undefined ? {} : { antispam: body.antispam }),
        });
      },
    }),
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/domains/:domain/usage.csv',
      operationId: 'domainUsageReport',
      summary: 'The usage report of the domain as CSV: one line per box.',
      tag: 'admin',
      access: { roles: readers, action: 'domain.usage-report', domainOf: domainParam },
      params: domainParamsSchema,
      responses: { 200: { description: 'The report.', mediaType: 'text/csv' } },
      async handler({ principal, params, reply }) {
        const csv = await panel.usageCsv(principal, params.domain);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="usage-${params.domain.toLowerCase()}.csv"`)
          .send(csv);
      },
    }),
    adminRoute(deps, {
      method: 'GET',
      url: '/api/v1/admin/boxes/:address',
      operationId: 'getBoxCard',
      summary:
        "A box's card: holder, plan, quota used, expiry, last sign-in, access history (never contents).",
      tag: 'admin',
      access: { roles: readers, action: 'box.read', domainOf: boxDomain },
      params: boxParamsSchema,
      target: ({ params }) => params.address.trim().toLowerCase(),
      responses: { 200: { description: 'The card.', schema: boxCardSchema } },
      async handler({ principal, params }) {
        return cardJson(await panel.card(principal, params.address));
      },
    }),
    adminRoute(deps, {
      method: 'POST',
      url: '/api/v1/admin/boxes/:address/password',
      operationId: 'setBoxPassword',
      summary: "Set a box's password (given or generated); the holder is told.",
      tag: 'admin',
      access: { roles: writers, action: 'box.password', domainOf: boxDomain },
      params: boxParamsSchema,
      body: passwordRequestSchema,
      target: ({ params }) => params.address.trim().toLowerCase(),
      responses: {
        200: { description: 'The new password, shown once.', schema: passwordAnswerSchema },
        400: { description: 'The password is too weak.', problem: true },
      },
      async handler({ principal, params, body }) {
        const password = await panel.setPassword(principal, params.address, body.password);
        return { password, notified: true };
      },
    }),
    adminRoute(deps, {
      method: 'POST',
      url: '/api/v1/admin/boxes/:address/suspension',
      operationId: 'setBoxSuspension',
      summary: 'Suspend an active box, or make a suspended one active again.',
      tag: 'admin',
      access: { roles: writers, action: 'box.suspension', domainOf: boxDomain },
      params: boxParamsSchema,
      body: suspensionSchema,
      target: ({ params, body }) =>
        `${params.address.trim().toLowerCase()} ${body.suspended ? 'suspend' : 'reactivate'}`,
      responses: {
        200: { description: 'The card after the change.', schema: boxCardSchema },
        409: { description: 'The box is not in the state the change starts from.', problem: true },
      },
      async handler({ principal, params, body }) {
        return cardJson(await panel.setSuspended(principal, params.address, body.suspended));
      },
    }),
  ];
}
