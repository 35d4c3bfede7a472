/**
 * The operator console's services (decision 0022) from the provider's context: the log register
 * and its extract (TSA certificate read when needed), the outbox, the quarantine (shared and file),
 * the health summary of this process's metrics registry, the providers' index with our own record,
 * domains through the same functions as `pec domain`, postmasters, plans and boxes through box-life.
 */
import { createWebhookDesk } from '../services/webhooks/create-webhook-desk.ts';
import { stat } from 'node:fs/promises';
import { signLdif } from '@pec/core';
import type { Registry } from 'prom-client';
import type { OperatorApiDependencies } from '../protocols/http/api/admin/operator/operator-api-dependencies.ts';
import { domainAllowance, setDomainAllowance } from '../services/administration/domain-allowance.ts';
import { createAdminPrincipals } from '../services/administration/admin-principals.ts';
import { createAccountService } from '../services/accounts/create-account-service.ts';
import { createBoxLife } from '../services/box-life/create-box-life.ts';
import { exportLogExtract } from '../services/log-register/export-log-extract.ts';
import { searchLog } from '../services/log-register/search-log.ts';
import { verifyLogWithTimestamps } from '../services/log-register/verify-log-timestamps.ts';
import { summarizeMetrics } from '../services/operator-console/summarize-metrics.ts';
import { listQueuedJobs } from '../services/pipeline/relay/list-queued-jobs.ts';
import { steerQueuedJob } from '../services/pipeline/relay/steer-queued-job.ts';
import { renderOwnProviderEntry } from '../services/provider-directory/render-own-provider-entry.ts';
import { addProviderDomain } from './add-provider-domain.ts';
import { domainDnsRecords } from './client-settings.ts';
import { deleteProviderDomain } from './delete-provider-domain.ts';
import { logExtractDependencies } from './log-extract-dependencies.ts';
import { coordinationOf } from './open-coordination.ts';
import { operatorQuarantine } from './operator-quarantine.ts';
import type { ProviderContext } from './provider-context.ts';
import { boxLifeDependencies, ownEntrySource } from './service-dependencies.ts';
import { AccountError } from '../services/accounts/account-error.ts';

export function operatorApiDependencies(ctx: ProviderContext, metrics?: Registry): OperatorApiDependencies {
  const { config } = ctx.config;
  const accounts = createAccountService({ storage: ctx.storage, clock: ctx.clock });
  return {
    log: {
      search: (query) => searchLog(ctx.storage, query),
      verify: async () =>
        verifyLogWithTimestamps({
          legalLog: ctx.storage.legalLog,
          timestamps: ctx.storage.logTimestamps,
          tsaCertificate: (await logExtractDependencies(ctx)).tsaCertificate,
        }),
      extract: async (selection) => exportLogExtract(await logExtractDependencies(ctx), selection),
    },
    queue: {
      list: (query) => listQueuedJobs(ctx.storage.queue, query),
      steer: (id, action) => steerQueuedJob(ctx.storage, id, action, ctx.clock.now()),
    },
    quarantine: () => operatorQuarantine(ctx),
    health: async () =>
      summarizeMetrics(metrics === undefined ? [] : await metrics.getMetricsAsJSON(), ctx.clock.now()),
    providersIndex: {
      async view() {
        const file = config.index.file;
        const changed = await stat(file).catch(() => undefined);
        return {
          ownEntry: await renderOwnProviderEntry(ownEntrySource(ctx)),
          providers: ctx.index.providers.map((p) => ({
            name: p.unit === undefined ? p.name : `${p.name} (${p.unit})`,
            mailReceipt: p.mailReceipt,
            domains: [...p.managedDomains],
            certificates: p.certificates.length,
            own: p.name === ctx.identity.name,
          })),
          file,
          lastChangedAt: changed?.mtime.toISOString() ?? null,
          refreshUrl: config.index.refreshUrl ?? null,
        };
      },
      async signedOwnEntry() {
        return signLdif(await renderOwnProviderEntry(ownEntrySource(ctx)), ctx.signer, ctx.clock.now());
      },
    },
    domains: {
      list: () => accounts.listDomains(),
      add: (name, description) =>
        addProviderDomain(
          { storage: ctx.storage, identity: ctx.identity, indexFile: config.index.file, clock: ctx.clock },
          name,
          description === undefined ? {} : { description },
        ),
      async remove(name, force) {
        const deleted = await deleteProviderDomain(
          { storage: ctx.storage, blobs: ctx.blobs, identity: ctx.identity, indexFile: config.index.file },
          name,
          force,
        );
        return { mailboxesDeleted: deleted.mailboxes.length };
      },
      async dns(name) {
        const found = (await accounts.listDomains()).find((d) => d.name === name.toLowerCase());
        if (found === undefined)
          throw new AccountError('not-found', `${name} is not a domain of this provider`);
        return domainDnsRecords(config, found.name);
      },
      allowance: (name) => domainAllowance(ctx.storage, name),
      setAllowance: (name, patch) => setDomainAllowance(ctx.storage, name, patch, ctx.clock.now()),
    },
    postmasters: createAdminPrincipals({
      store: ctx.storage.admin,
      accounts: ctx.storage.accounts,
      clock: ctx.clock,
      credentials: { accounts: ctx.storage.adminAccounts, tokens: ctx.storage.adminTokens },
    }),
    accounts,
    countBoxes: (query) => ctx.storage.accounts.countMailboxes(query),
    boxLife: createBoxLife(boxLifeDependencies(ctx, coordinationOf(ctx).nodeId)),
    webhooks: createWebhookDesk(
      { store: ctx.storage.webhooks, clock: ctx.clock },
      { retryHours: config.integration.webhookRetryHours },
    ),
  };
}
