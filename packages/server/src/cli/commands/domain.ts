/**
 * `pec domain add DOMAIN`, `pec domain delete DOMAIN` and `pec domain list`: the mail domains the provider certifies, its
 * service domain and customers' dedicated ones (`studio-rossi.pec.example.it`). Adding a domain
 * also lists it under this provider in the local index (pec-spec §7.2, app/add-provider-domain.ts).
 * `pec domain dns DOMAIN` prints the DNS records a domain publishes: MX, the RFC 6186 SRV records
 * of IMAP, POP3 and submission, and the autoconfig and autodiscover names (app/client-settings.ts).
 */
import type { Command } from 'commander';
import { addProviderDomain } from '../../app/add-provider-domain.ts';
import { deleteProviderDomain } from '../../app/delete-provider-domain.ts';
import { createDnsMxResolver } from '../../protocols/smtp/relay-client/create-dns-mx-resolver.ts';
import { checkDomainMx, domainMxWarning } from '../../services/accounts/check-domain-mx.ts';
import { domainDnsRecords } from '../../app/client-settings.ts';
import { mailboxAction, refuse, type DataOption } from './mailbox-action.ts';
import { registerDomainAllowance } from './domain-allowance.ts';

export function registerDomain(program: Command): void {
  const domain = program.command('domain').description('Manage the mail domains of the provider');
  registerDomainAllowance(domain);

  domain
    .command('add')
    .description('Add a mail domain on which mailboxes can be created')
    .argument('<domain>', 'the domain, e.g. studio-rossi.pec.example.it')
    .option('--description <text>', 'a note, e.g. the customer')
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .option('--no-mx-check', "do not look up the domain's MX records (offline set-up)")
    .action(
      async (
        name: string,
        options: DataOption & { readonly description?: string; readonly mxCheck: boolean },
      ) => {
        await mailboxAction(options, async (ctx) => {
          const result = await addProviderDomain(
            {
              storage: ctx.storage,
              identity: ctx.identity,
              indexFile: ctx.config.config.index.file,
              clock: ctx.clock,
            },
            name,
            options.description === undefined ? {} : { description: options.description },
          );
          process.stdout.write(
            `pec: added domain ${result.domain.name}\n` +
              (result.indexUpdated
                ? `pec: listed it under "${ctx.identity.name}" in ${ctx.config.config.index.file}; a running pec serve serves it at once\n`
                : ''),
          );
          if (!options.mxCheck) return;
          const ourHosts = [ctx.config.config.provider.hostname];
          const check = await checkDomainMx(
            { mx: createDnsMxResolver({ timeoutMs: 5000 }) },
            { ourHosts },
            result.domain.name,
          );
          const warning = domainMxWarning(result.domain.name, check, ourHosts);
          process.stdout.write(
            warning === undefined
              ? `pec: the MX of ${result.domain.name} names this provider (${ourHosts.join(', ')})\n`
              : `pec: warning: ${warning}\n`,
          );
        });
      },
    );

  domain
    .command('delete')
    .description(
      'Delete a mail domain; refused while mailboxes (or reserved addresses) use it, unless --force',
    )
    .argument('<domain>', 'the domain')
    .option('--force', 'also delete every mailbox on the domain, its messages and its reserved addresses')
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (name: string, options: DataOption & { readonly force?: boolean }) => {
      await mailboxAction(options, async (ctx) => {
        const result = await deleteProviderDomain(
          {
            storage: ctx.storage,
            blobs: ctx.blobs,
            identity: ctx.identity,
            indexFile: ctx.config.config.index.file,
          },
          name,
          options.force === true,
        );
        for (const removed of result.mailboxes) {
          process.stdout.write(
            `pec: deleted mailbox ${removed.address} (${removed.removedMessages} message(s)); its address is no longer reserved\n`,
          );
        }
        process.stdout.write(
          `pec: deleted domain ${result.domain}\n` +
            (result.indexUpdated
              ? `pec: removed it from "${ctx.identity.name}" in ${ctx.config.config.index.file}\n`
              : ''),
        );
      });
    });

  domain
    .command('list')
    .description('List the mail domains')
    .option('--json', 'print a JSON array')
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (options: DataOption & { readonly json?: boolean }) => {
      await mailboxAction(options, async (_ctx, accounts) => {
        const domains = await accounts.listDomains();
        if (options.json === true) {
          const rows = domains.map((d) => ({
            name: d.name,
            description: d.description,
            createdAt: d.createdAt.toISOString(),
          }));
          process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          return;
        }
        for (const d of domains)
          process.stdout.write(`${d.name}${d.description === null ? '' : `  ${d.description}`}\n`);
      });
    });

  domain
    .command('dns')
    .description('Print the DNS records to publish for a mail domain: MX, RFC 6186 SRV, autoconfig')
    .argument('<domain>', 'a mail domain of the provider')
    .option('--json', 'print a JSON array')
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (name: string, options: DataOption & { readonly json?: boolean }) => {
      await mailboxAction(options, async (ctx, accounts) => {
        const found = (await accounts.listDomains()).find((d) => d.name === name.toLowerCase());
        if (found === undefined) {
          refuse(`${name} is not a domain of this provider (pec domain list)`);
          return;
        }
        const records = domainDnsRecords(ctx.config.config, found.name);
        if (options.json === true) {
          process.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
          return;
        }
        const width = Math.max(...records.map((r) => r.name.length));
        for (const r of records)
          process.stdout.write(`${r.name.padEnd(width)}  IN ${r.type.padEnd(5)} ${r.value}  ; ${r.note}\n`);
      });
    });
}
