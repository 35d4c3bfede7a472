/**
 * `pec postmaster import FILE --domain D [--dry-run] [--json]`: the bulk creation of boxes from
 * CSV (decision 0021) for scripts, with the checks of the postmaster panel: every bad row is
 * reported (line, address, problems); without --dry-run the good rows are created and their
 * passwords printed once. Acts as the operator (`cli` in the audit trail). Exit code 1 when a row
 * was bad.
 */
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import type { AdminPrincipal } from '../../services/administration/admin-principal.ts';
import { createPostmasterPanel } from '../../services/administration/create-postmaster-panel.ts';
import { csvCell } from '../../services/administration/parse-csv.ts';
import { auditCli } from './admin-principal-commands.ts';
import { mailboxAction, type DataOption } from './mailbox-action.ts';

const cliOperator: AdminPrincipal = {
  id: 0,
  email: 'cli',
  role: 'admin',
  displayName: 'pec cli',
  domains: [],
  secondFactor: false,
  createdAt: new Date(0),
  lastSignInAt: null,
  disabledAt: null,
};

export function registerPostmasterImport(postmaster: Command): void {
  postmaster
    .command('import')
    .description(
      'Create boxes from a CSV file (address, holder name, tax code, contact e-mail, mobile, plan)',
    )
    .argument('<file>', 'the CSV file, with a header line naming the columns')
    .requiredOption('--domain <domain>', 'the customer domain the boxes are on')
    .option('--dry-run', 'check every row and report, create nothing')
    .option('--json', 'print the report as JSON')
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(
      async (
        file: string,
        options: DataOption & { readonly domain: string; readonly dryRun?: boolean; readonly json?: boolean },
      ) => {
        const csv = await readFile(file, 'utf8');
        await mailboxAction(options, async (ctx, accounts) => {
          const panel = createPostmasterPanel({ accounts, storage: ctx.storage, clock: ctx.clock });
          const dryRun = options.dryRun === true;
          const report = await panel.importBoxes(cliOperator, options.domain, csv, dryRun);
          await auditCli(
            ctx,
            'box.import',
            `${report.domain}${dryRun ? ' (dry run)' : ''}`,
            `${String(report.rows)} rows, ${String(report.bad.length)} bad, ${String(report.created.length)} created`,
            report.domain,
          );
          if (report.bad.length > 0) process.exitCode = 1;
          if (options.json === true) {
            process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
            return;
          }
          for (const row of report.bad)
            for (const problem of row.problems)
              process.stderr.write(
                `line ${String(row.line)}: ${row.address}: ${problem.code}: ${problem.message}\n`,
              );
          if (!dryRun) {
            process.stdout.write('address,password\n');
            for (const made of report.created)
              process.stdout.write(`${csvCell(made.address)},${csvCell(made.password)}\n`);
          }
          process.stderr.write(
            `pec: ${String(report.rows)} row(s), ${String(report.bad.length)} bad, ` +
              (dryRun
                ? `${String(report.valid)} would be created (dry run)\n`
                : `${String(report.created.length)} box(es) created\n`),
          );
        });
      },
    );
}
