/**
 * `pec message status ID [--json] [--data DIR]`: the sender's follow-up of one PEC message, found
 * by its identificativo or by the client's Message-ID: per recipient accepted / delivered / error, with the identifiers and times of
 * the receipts and notices (pec-spec §3.5, §3.6, §6.1). Exit 1 when the identifier is unknown.
 */
import type { Command } from 'commander';
import { openProvider } from '../../app/open-provider.ts';
import {
  getMessageStatus,
  renderMessageStatusJson,
  renderMessageStatusText,
} from '../../services/tracking/get-message-status.ts';
import { findIdentifierByMessageId } from '../../services/log-register/search-log.ts';
import { cliEnvironment, dataDirOf, type DataOption } from './serve.ts';

export function registerMessage(program: Command): void {
  const message = program
    .command('message')
    .description("Follow the PEC messages sent by this provider's users");
  message
    .command('status')
    .description('Delivery status of a message per recipient, with receipt identifiers and times')
    .argument('<id>', "the PEC identifier, or the client's Message-ID (bare or in angle brackets)")
    .option('--json', 'print the status as JSON')
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (identifier: string, options: DataOption & { json?: boolean }) => {
      const ctx = await openProvider({ dataDir: dataDirOf(options), env: cliEnvironment() });
      try {
        let status = await getMessageStatus(ctx.storage, identifier);
        if (status === undefined) {
          // Not an identificativo: perhaps the Message-ID the client gave the message.
          const found = await findIdentifierByMessageId(ctx.storage, identifier);
          if (found !== undefined) status = await getMessageStatus(ctx.storage, found);
        }
        if (status === undefined) {
          process.stderr.write(`pec: no message with identificativo or Message-ID ${identifier}\n`);
          process.exitCode = 1;
          return;
        }
        process.stdout.write(
          options.json === true
            ? `${JSON.stringify(renderMessageStatusJson(status), null, 2)}\n`
            : renderMessageStatusText(status),
        );
      } finally {
        await ctx.close();
      }
    });
}
