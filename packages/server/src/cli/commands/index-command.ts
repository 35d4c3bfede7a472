/**
 * `pec index export|import|list|refresh`: the providers' index (pec-spec §7). `export` prints this
 * provider's own record as LDIF, or as the signed `.p7m` other providers and the central index
 * import (§7.3); `import` merges other providers' records into the local copy (a `.p7m` must
 * verify); `list` shows the local copy; `refresh` runs one refresh from `index.refreshUrl` now.
 * A refused document or refresh prints `pec: <reason>` and exits 1, leaving the local copy as it was.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { describeCertificate, signLdif, type ProviderRecord } from '@pec/core';
import { openProvider } from '../../app/open-provider.ts';
import type { ProviderContext } from '../../app/provider-context.ts';
import { IndexDocumentError } from '../../services/provider-directory/decode-index-document.ts';
import { importProviderEntries } from '../../services/provider-directory/import-provider-entries.ts';
import { readTrustAnchors } from '../../services/provider-directory/read-trust-anchors.ts';
import { refreshProviderIndex } from '../../services/provider-directory/refresh-provider-index.ts';
import { ownEntrySource } from '../../app/service-dependencies.ts';
import { renderOwnProviderEntry } from '../../services/provider-directory/render-own-provider-entry.ts';
import { cliEnvironment, dataDirOf, type DataOption } from './serve.ts';

const dataFlag = ['--data <dir>', 'data folder (default: PEC_DATA, else ./data)'] as const;

async function withProvider(
  options: DataOption,
  run: (ctx: ProviderContext) => Promise<void>,
): Promise<void> {
  const ctx = await openProvider({ dataDir: dataDirOf(options), env: cliEnvironment() });
  try {
    await run(ctx);
  } finally {
    await ctx.close();
  }
}

function refuse(message: string): void {
  process.stderr.write(`pec: ${message}\n`);
  process.exitCode = 1;
}

function localIndexOptions(ctx: ProviderContext, trustAnchors: readonly Uint8Array[]) {
  return {
    indexFile: ctx.config.config.index.file,
    ownName: ctx.identity.name,
    ownEntry: () => renderOwnProviderEntry(ownEntrySource(ctx)),
    trustAnchors,
  };
}

/** One provider record as JSON-ready data: certificates by SHA-1 with subject and validity. */
export function describeProviderRecord(record: ProviderRecord): Record<string, unknown> {
  return {
    name: record.name,
    ...(record.unit === undefined ? {} : { unit: record.unit }),
    mailReceipt: record.mailReceipt,
    managedDomains: record.managedDomains,
    certificates: record.certificates.map((der) => {
      try {
        const info = describeCertificate(der);
        return {
          sha1: info.sha1,
          subject: info.subject,
          email: info.email ?? null,
          notBefore: info.notBefore.toISOString(),
          notAfter: info.notAfter.toISOString(),
        };
      } catch {
        return { sha1: null, error: 'unreadable certificate' };
      }
    }),
    certificateHashes: record.certificateHashes,
    ...(record.ldifLocationUrl === undefined ? {} : { ldifLocationUrl: record.ldifLocationUrl }),
  };
}

function renderProviderLine(record: ProviderRecord): string {
  const unit = record.unit === undefined ? '' : ` [${record.unit}]`;
  return (
    `${record.name}${unit}\n` +
    `  mailReceipt:    ${record.mailReceipt}\n` +
    `  domains:        ${record.managedDomains.join(', ')}\n` +
    `  certificates:   ${record.certificateHashes.join(', ')}\n`
  );
}

export function registerIndex(program: Command): void {
  const index = program
    .command('index')
    .description("The providers' index (Indice dei gestori di PEC, pec-spec §7)");

  index
    .command('export')
    .description("Print this provider's own index record (LDIF), or the signed .p7m with --signed")
    .option('--signed', 'sign the LDIF with the provider key: a DER .p7m (pec-spec §7.3)')
    .option('--out <file>', 'write to FILE instead of standard output')
    .option(...dataFlag)
    .action(async (options: DataOption & { readonly signed?: boolean; readonly out?: string }) => {
      await withProvider(options, async (ctx) => {
        const ldif = await renderOwnProviderEntry(ownEntrySource(ctx));
        const output = options.signed === true ? await signLdif(ldif, ctx.signer, ctx.clock.now()) : ldif;
        if (options.out === undefined) process.stdout.write(output);
        else {
          await writeFile(options.out, output);
          process.stdout.write(
            `pec: wrote ${options.signed === true ? 'the signed record (DER .p7m)' : 'the record (LDIF)'} ` +
              `of ${ctx.identity.domain} to ${options.out} (${Buffer.byteLength(output)} bytes)\n`,
          );
        }
      });
    });

  index
    .command('import')
    .description("Merge other providers' records (LDIF or signed .p7m; a file or every file of a folder)")
    .argument('<path>', 'an LDIF or .p7m file, or a folder of them')
    .option(...dataFlag)
    .action(async (path: string, options: DataOption) => {
      await withProvider(options, async (ctx) => {
        const anchors = await readTrustAnchors(ctx.config.config.index.trustAnchorFiles);
        try {
          const result = await importProviderEntries(localIndexOptions(ctx, anchors), path);
          for (const file of result.files) {
            const names =
              file.providers.length === 0 ? "(this provider's own entry, kept)" : file.providers.join(', ');
            process.stdout.write(
              `pec: imported ${names} from ${file.file}${file.signed ? ' (signature verified)' : ''}\n`,
            );
          }
          process.stdout.write(
            `pec: ${ctx.config.config.index.file} now lists ${result.index.providers.length} record(s)\n`,
          );
        } catch (error) {
          if (!(error instanceof IndexDocumentError)) throw error;
          refuse(error.message);
        }
      });
    });

  index
    .command('list')
    .description('List the providers of the local index copy')
    .option('--json', 'print a JSON array')
    .option(...dataFlag)
    .action(async (options: DataOption & { readonly json?: boolean }) => {
      await withProvider(options, (ctx) => {
        const { providers } = ctx.index;
        process.stdout.write(
          options.json === true
            ? `${JSON.stringify(providers.map(describeProviderRecord), null, 2)}\n`
            : providers.map(renderProviderLine).join(''),
        );
        return Promise.resolve();
      });
    });

  index
    .command('refresh')
    .description('Refresh the local copy from index.refreshUrl now (the signature must verify)')
    .option(...dataFlag)
    .action(async (options: DataOption) => {
      await withProvider(options, async (ctx) => {
        const settings = ctx.config.config.index;
        if (settings.refreshUrl === undefined) {
          refuse('index.refreshUrl is not configured');
          return;
        }
        const result = await refreshProviderIndex({
          ...localIndexOptions(ctx, await readTrustAnchors(settings.trustAnchorFiles)),
          url: settings.refreshUrl,
          at: ctx.clock.now(),
        });
        if (!result.ok) {
          refuse(`refresh failed, the local copy is unchanged: ${result.reason}`);
          return;
        }
        process.stdout.write(
          `pec: refreshed ${settings.file} from ${settings.refreshUrl}` +
            (result.signer === undefined ? '' : ` (signed by ${result.signer})`) +
            `: ${result.providers.length} other provider(s)` +
            (result.removed.length === 0 ? '' : `; removed ${result.removed.join(', ')}`) +
            '\n',
        );
      });
    });
}
