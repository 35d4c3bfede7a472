/**
 * `pec start [--data DIR] [--PORT-port N …]` (what `npm start` runs): on a data folder without
 * configuration, a demo provider for `pec.localhost` with development certificates and two demo
 * mailboxes with random passwords, then `pec serve`; on a configured folder, just `pec serve`.
 * Every port is checked before anything is created. The demo passwords are kept in the data folder
 * (mode 0600) and printed at every start until they are changed.
 */
import type { Command } from 'commander';
import {
  readValidDemoCredentials,
  saveDemoCredentials,
  demoCredentialsFile,
} from '../../app/demo-credentials.ts';
import { openProvider } from '../../app/open-provider.ts';
import { plannedListeners } from '../../app/planned-listeners.ts';
import type { ListenerAddress } from '../../app/serve.ts';
import {
  createDemoMailboxes,
  initDemoProvider,
  isProviderInitialised,
  type DemoMailbox,
} from '../../app/start-demo.ts';
import { dataFolderLayout } from '../../config/data-folder-layout.ts';
import { checkListenPorts } from './check-listen-ports.ts';
import { addPortOptions, portsFromOptions, type PortOptions } from './port-options.ts';
import { cliEnvironment, dataDirOf, serveDescription, serveUntilStopped, type DataOption } from './serve.ts';

interface Demo {
  readonly created: boolean;
  readonly domain: string;
  readonly caFile: string;
  readonly credentialsFile: string;
  readonly mailboxes: readonly DemoMailbox[];
}

function portOf(addresses: readonly ListenerAddress[], name: string): string {
  return String(addresses.find((a) => a.name === name)?.port ?? '-');
}

function renderWelcome(demo: Demo, addresses: readonly ListenerAddress[]): string {
  const { mailboxes, caFile } = demo;
  const starttls = addresses.find((a) => a.name === 'submission');
  const host = starttls?.host ?? addresses[0]?.host ?? '127.0.0.1';
  const [first, second] = mailboxes;
  return [
    demo.created
      ? `pec: created a DEMO provider for ${demo.domain} (development certificates, NOT for production)`
      : `pec: DEMO provider for ${demo.domain} (development certificates, NOT for production)`,
    `pec: demo mailboxes (user name = address; passwords kept in ${demo.credentialsFile} and shown at each start ` +
      'until changed with `pec mailbox passwd`):',
    ...mailboxes.map((m) => `pec:   ${m.address}  password: ${m.password}`),
    ...webmailLine(addresses),
    'pec: mail client settings (user name = address, normal password; trust the CA certificate',
    `pec:   ${caFile} or accept the certificate once):`,
    `pec:   sending  SMTP server ${host}, port ${portOf(addresses, 'submission')} with STARTTLS or ` +
      `${portOf(addresses, 'submissions')} with SSL/TLS`,
    `pec:   reading  IMAP server ${host}, port ${portOf(addresses, 'imap')} with STARTTLS or ` +
      `${portOf(addresses, 'imaps')} with SSL/TLS`,
    `pec:            POP3 server ${host}, port ${portOf(addresses, 'pop3')} with STARTTLS or ` +
      `${portOf(addresses, 'pop3s')} with SSL/TLS`,
    'pec:   the server keeps a copy of each sent message in Sent: turn off the client\'s own "save in Sent".',
    ...(first === undefined || second === undefined
      ? []
      : [
          `pec:   e.g. swaks -tls --tls-verify --tls-ca-path ${caFile} --server ${host} --port ${portOf(addresses, 'submission')} ` +
            `--auth PLAIN --auth-user ${first.address} --auth-password '${first.password}' ` +
            `--from ${first.address} --to ${second.address}`,
        ]),
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
  const command = program
    .command('start')
    .description(
      'Serve the provider in the data folder, creating a demo provider with two mailboxes first if it is ' +
        `empty. Serving means: ${serveDescription.replace(/^Run the provider in the data folder: /, '')}`,
    )
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)');
  addPortOptions(command);
  command.action(async (options: DataOption & PortOptions) => {
    const dataDir = dataFolderLayout(dataDirOf(options)).root;
    const env = cliEnvironment();
    const ports = portsFromOptions(options);
    // Before anything is created: a busy port must not leave a half-started demo behind.
    if (!(await checkListenPorts(await plannedListeners({ dataDir, env, ports })))) return;
    const credentialsFile = demoCredentialsFile(dataDir);
    if (await isProviderInitialised(dataDir)) {
      const ctx = await openProvider({ dataDir, env, overrides: { ports } });
      let mailboxes: DemoMailbox[];
      try {
        mailboxes = await readValidDemoCredentials(dataDir, ctx.storage);
      } catch (error) {
        await ctx.close();
        throw error;
      }
      const demo: Demo = {
        created: false,
        domain: ctx.identity.domain,
        caFile: dataFolderLayout(dataDir).caCertFile,
        credentialsFile,
        mailboxes,
      };
      await serveUntilStopped(
        ctx,
        mailboxes.length === 0 ? undefined : (addresses) => renderWelcome(demo, addresses),
      );
      return;
    }
    const init = await initDemoProvider({
      dataDir,
      env,
      ...(Object.keys(ports).length === 0 ? {} : { ports }),
    });
    const ctx = await openProvider({ dataDir, env, overrides: { ports } });
    let mailboxes: DemoMailbox[];
    try {
      mailboxes = await createDemoMailboxes(ctx);
      await saveDemoCredentials(dataDir, mailboxes);
    } catch (error) {
      await ctx.close();
      throw error;
    }
    const demo: Demo = {
      created: true,
      domain: init.config.provider.domain,
      caFile: init.layout.caCertFile,
      credentialsFile,
      mailboxes,
    };
    await serveUntilStopped(ctx, (addresses) => renderWelcome(demo, addresses));
  });
}
