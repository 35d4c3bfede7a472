/** `pec inspect FILE [--json]`: describes any message (README "The pec command"). */
import { readFile } from 'node:fs/promises';
import { readPecMessage } from '@pec/core';
import type { Command } from 'commander';
import { refuse } from './mailbox-action.ts';
import { describeMessageJson } from './describe-message-json.ts';
import { renderMessageSummary } from './render-message-summary.ts';
import {
  addRevocationOptions,
  cliRevocationChecker,
  type RevocationCliOptions,
} from './revocation-option.ts';

export function registerInspect(program: Command): void {
  const command = program
    .command('inspect')
    .description('Describe any message: PEC type, daticert, identifiers, original and signature report')
    .argument('<file>', 'the message (.eml) to describe')
    .option('--json', 'print the stable JSON description');
  addRevocationOptions(command).action(
    async (file: string, options: { json?: boolean } & RevocationCliOptions) => {
      const bytes = await readFile(file).catch((error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code;
        refuse(
          code === 'ENOENT'
            ? `${file}: no such file`
            : code === 'EISDIR'
              ? `${file} is a folder, not a message file`
              : `${file}: cannot be read (${code ?? String(error)})`,
        );
        return undefined;
      });
      if (bytes === undefined) return;
      const revocation = cliRevocationChecker(options);
      const description = await readPecMessage(
        bytes,
        revocation === undefined ? {} : { revocation: revocation.check },
      );
      process.stdout.write(
        options.json === true
          ? JSON.stringify(describeMessageJson(description), null, 2) + '\n'
          : renderMessageSummary(description),
      );
    },
  );
}
