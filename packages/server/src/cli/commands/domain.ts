/**
 * `pec domain add DOMAIN` and `pec domain list`: the mail domains the provider certifies, its
 * service domain and customers' dedicated ones (`studio-rossi.pec.example.it`). Adding a domain
 * also lists it under this provider in the local index (pec-spec §7.2, app/add-provider-domain.ts).
 * `pec domain dns DOMAIN` prints the DNS records a domain publishes: MX, the RFC 6186 SRV records
 * of IMAP, POP3 and submission, and the autoconfig and autodiscover names (app/client-settings.ts).
 */
import type { Command } from 'commander';
import { addProviderDomain } from '../../app/add-provider-domain.ts';
import { domainDnsRecords } from '../../app/client-settings.ts';
import { mailboxAction, refuse, type DataOption } from './mailbox-action.ts';

export function registerDomain(program: Command): void {
  const domain = program.command('domain').description('Manage the mail domains of the provider');

  domain
    .command('add')
    .description('Add a mail domain on which mailboxes can be created')
    .argument('<domain>', 'the domain, e.g. studio-rossi.pec.example.it')
    .option('--description <text>', 'a note, e.g. the customer')
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (name: string, options: DataOption & { readonly description?: string }) => {
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
