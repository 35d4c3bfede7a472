/**
 * `pec start [--data DIR]` (what `npm start` runs): on a data folder without configuration, a demo
 * provider for `pec.localhost` with development certificates and two demo mailboxes whose random
 * passwords are printed once, then `pec serve`; on a configured folder, just `pec serve`.
 */
import type { Command } from 'commander';
import { openProvider } from '../../app/open-provider.ts';
import {
  createDemoMailboxes,
  initDemoProvider,
  isProviderInitialised,
  type DemoMailbox,
} from '../../app/start-demo.ts';
import { cliEnvironment, dataDirOf, serveUntilStopped, type DataOption } from './serve.ts';

function renderWelcome(options: {
  readonly domain: string;
  readonly caFile: string;
  readonly host: string;
  readonly submission: number;
  readonly submissions: number;
  readonly mailboxes: readonly DemoMailbox[];
}): string {
  const { mailboxes } = options;
  return [
    `pec: created a DEMO provider for ${options.domain} (development certificates, NOT for production)`,
    'pec: demo mailboxes (user name = address; passwords are shown only now, change them with `pec mailbox passwd`):',
    ...mailboxes.map((m) => `pec:   ${m.address}  password: ${m.password}`),
    'pec: to send a PEC from a mail client:',
    `pec:   SMTP server ${options.host}, port ${options.submission} with STARTTLS or ${options.submissions} with SSL/TLS,`,
    'pec:   normal password authentication with one of the addresses above;',
    `pec:   trust the CA certificate ${options.caFile} (or accept the certificate once).`,
    `pec:   e.g. swaks -tls --tls-verify --tls-ca-path ${options.caFile} --server ${options.host} ` +
      `--port ${options.submission} --auth PLAIN --auth-user ${mailboxes[0]?.address ?? ''} --auth-password '…' ` +
      `--from ${mailboxes[0]?.address ?? ''} --to ${mailboxes[1]?.address ?? ''}`,
    '',
  ].join('\n');
}

export function registerStart(program: Command): void {
  program
    .command('start')
    .description(
      'Serve the provider in the data folder, creating a demo provider with two mailboxes first if it is empty',
    )
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .action(async (options: DataOption) => {
      const dataDir = dataDirOf(options);
      const env = cliEnvironment();
      if (await isProviderInitialised(dataDir)) {
        await serveUntilStopped(await openProvider({ dataDir, env }));
        return;
      }
      const init = await initDemoProvider({ dataDir, env });
      const ctx = await openProvider({ dataDir, env });
      let mailboxes: DemoMailbox[];
      try {
        mailboxes = await createDemoMailboxes(ctx);
      } catch (error) {
        await ctx.close();
        throw error;
      }
      const { config } = init;
      process.stdout.write(
        renderWelcome({
          domain: config.provider.domain,
          caFile: init.layout.caCertFile,
          host: config.listen.host,
          submission: config.ports.submission,
          submissions: config.ports.submissions,
          mailboxes,
        }),
      );
      await serveUntilStopped(ctx);
    });
}
