/** `pec inspect FILE [--json]`: describes any message (README "The pec command"). */
import { readPecMessage, readSignedDataFile } from '@pec/core';
import type { Command } from 'commander';
import { readInputFile } from './read-input-file.ts';
import { describeMessageJson } from './describe-message-json.ts';
import { describeSignedDataJson, renderSignedDataSummary } from './describe-signed-data.ts';
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
    .argument('<file>', 'the message (.eml) or signed file (.p7m: DER, PEM or base64) to describe')
    .option('--json', 'print the stable JSON description');
  addRevocationOptions(command).action(
    async (file: string, options: { json?: boolean } & RevocationCliOptions) => {
      const bytes = await readInputFile(file);
      if (bytes === undefined) return;
      const revocation = cliRevocationChecker(options);
      const readOptions = revocation === undefined ? {} : { revocation: revocation.check };
      // A .p7m (signed-data with encapsulated content) is not a MIME message: read it as what it is.
      const signed = await readSignedDataFile(bytes, readOptions);
      if (signed !== undefined) {
        process.stdout.write(
          options.json === true
            ? JSON.stringify(describeSignedDataJson(signed), null, 2) + '\n'
            : renderSignedDataSummary(signed),
        );
        return;
      }
      const description = await readPecMessage(bytes, readOptions);
      process.stdout.write(
        options.json === true
          ? JSON.stringify(describeMessageJson(description), null, 2) + '\n'
          : renderMessageSummary(description),
      );
    },
  );
}
