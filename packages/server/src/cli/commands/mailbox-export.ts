/**
 * `pec mailbox export ADDRESS --out DIR [--folder NAME]`: the holder's evidence, byte-exact, with
 * `index.json` (app/export-mailbox.ts; README "The pec command").
 */
import type { Command } from 'commander';
import { storesAction, type DataOption } from './mailbox-action.ts';

export function registerMailboxExport(mailbox: Command): void {
  mailbox
    .command('export')
    .description('Write every message (of every folder, or one) as .eml files plus index.json')
    .argument('<address>', 'the mailbox')
    .requiredOption('--out <dir>', 'output folder, created when missing; must be empty')
    .option('--folder <name>', 'only this folder, e.g. INBOX')
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(
      async (address: string, options: DataOption & { readonly out: string; readonly folder?: string }) => {
        // Loaded when the command runs: it reads PEC envelopes, which other `pec mailbox` commands do not.
        const { exportIndexFile, exportMailbox } = await import('../../app/export-mailbox.ts');
        await storesAction(options, async (ctx) => {
          const exported = await exportMailbox(ctx, {
            address,
            outDir: options.out,
            ...(options.folder === undefined ? {} : { folder: options.folder }),
          });
          process.stdout.write(
            `pec: exported ${exported.length} message(s) to ${options.out} (${exportIndexFile})\n`,
          );
        });
      },
    );
}
