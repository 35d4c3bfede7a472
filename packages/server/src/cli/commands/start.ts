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
import type { ListenerAddress } from '../../app/serve.ts';
import { cliEnvironment, dataDirOf, serveUntilStopped, type DataOption } from './serve.ts';

function renderWelcome(
  demo: { readonly domain: string; readonly caFile: string; readonly mailboxes: readonly DemoMailbox[] },
  addresses: readonly ListenerAddress[],
): string {
  const { mailboxes, caFile } = demo;
  const starttls = addresses.find((a) => a.name === 'submission');
  const implicit = addresses.find((a) => a.name === 'submissions');
  const host = starttls?.host ?? implicit?.host ?? '127.0.0.1';
  const [first, second] = mailboxes;
  return [
    `pec: created a DEMO provider for ${demo.domain} (development certificates, NOT for production)`,
    'pec: demo mailboxes (user name = address; passwords are shown only now, change them with `pec mailbox passwd`):',
    ...mailboxes.map((m) => `pec:   ${m.address}  password: ${m.password}`),
    ...webmailLine(addresses),
    'pec: to send a PEC from a mail client:',
    `pec:   SMTP server ${host}, port ${starttls?.port ?? '-'} with STARTTLS or ${implicit?.port ?? '-'} with SSL/TLS,`,
    'pec:   normal password authentication with one of the addresses above;',
    `pec:   trust the CA certificate ${caFile} (or accept the certificate once).`,
    `pec:   e.g. swaks -tls --tls-verify --tls-ca-path ${caFile} --server ${host} --port ${starttls?.port ?? '-'} ` +
      `--auth PLAIN --auth-user ${first?.address ?? ''} --auth-password '${first?.password ?? ''}' ` +
      `--from ${first?.address ?? ''} --to ${second?.address ?? ''}`,
    '',
  ].join('\n');
}

/** The webmail's address, when the HTTP listener is up (it serves packages/web/dist once built). */
function webmailLine(addresses: readonly ListenerAddress[]): string[] {
  const http = addresses.find((a) => a.protocol === 'http');
  if (http === undefined) return [];
  const host = http.host === '0.0.0.0' || http.host === '::' ? '127.0.0.1' : http.host;
  return [
    `pec: webmail: http://${host.includes(':') ? `[${host}]` : host}:${String(http.port)}/ (sign in with an address and password above)`,
  ];
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
      const demo = { domain: init.config.provider.domain, caFile: init.layout.caCertFile, mailboxes };
      await serveUntilStopped(ctx, (addresses) => renderWelcome(demo, addresses));
    });
}
