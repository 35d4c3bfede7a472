/**
 * `pec init --domain DOMAIN …`: creates a provider's data folder (app/init-provider.ts) and says
 * where everything is, that generated certificates are for DEVELOPMENT only, and which CA file
 * clients must trust (README "The pec command").
 */
import type { Command } from 'commander';
import { initProvider, type InitProviderOptions } from '../../app/init-provider.ts';
import { cliDataDir, cliEnvironment } from './mailbox-action.ts';
import { addPortOptions, portFlags, portsFromOptions, type PortOptions } from './port-options.ts';

/** Environment variable read for the PKCS#12 password when `--signing-p12-password` is absent. */
export const p12PasswordEnvVar = 'PEC_SIGNING_P12_PASSWORD';

type InitOptions = PortOptions & {
  readonly domain: string;
  readonly providerName?: string;
  readonly hostname?: string;
  readonly data?: string;
  readonly listen?: string;
  readonly signingCert?: string;
  readonly signingKey?: string;
  readonly signingP12?: string;
  readonly signingP12Password?: string;
};

function renderSummary(result: Awaited<ReturnType<typeof initProvider>>): string {
  const { config, layout } = result;
  const ports = config.ports;
  const lines = [
    `pec: initialised the PEC provider "${config.provider.name}" for ${config.provider.domain} in ${layout.root}`,
    `pec:   configuration    ${layout.configFile}`,
    config.storage.kind === 'sqlite'
      ? `pec:   database         ${config.storage.sqliteFile} (SQLite)`
      : 'pec:   database         PostgreSQL (storage.postgresUrl)',
    `pec:   messages         ${config.storage.blobsDir}`,
    `pec:   certificates     ${layout.certsDir}`,
    `pec:   providers index  ${config.index.file}`,
    `pec: signing certificate for ${result.signingCertificate.email ?? '?'} (${result.signingCertificate.subject}), ` +
      `valid until ${result.signingCertificate.notAfter.toISOString()}`,
  ];
  if (result.createdDevelopmentPki) {
    lines.push(
      'pec: WARNING: the CA, signing and TLS certificates are a DEVELOPMENT PKI, NOT valid for a production PEC ' +
        'service; give --signing-cert/--signing-key or --signing-p12 with the AgID-issued certificate for production.',
    );
  } else {
    lines.push(
      'pec: the TLS certificate of the listeners is a DEVELOPMENT one; set tls.certFile and tls.keyFile for production.',
    );
  }
  lines.push(
    `pec: mail clients must trust the CA certificate ${layout.caCertFile}`,
    `pec: listeners on ${config.listen.host}: ` +
      portFlags
        .map(([name]) => `${name} ${ports[name] === 0 ? 'any free port' : String(ports[name])}`)
        .join(', '),
    `pec: next: pec mailbox add NAME@${config.provider.domain} --password PASSWORD --data ${layout.root}`,
    `pec:       then pec serve --data ${layout.root}`,
  );
  return `${lines.join('\n')}\n`;
}

export function registerInit(program: Command): void {
  const command = program
    .command('init')
    .description('Create a provider in the data folder: configuration, database, certificates and index')
    .requiredOption(
      '--domain <domain>',
      'the provider service domain (posta-certificata@DOMAIN signs and sends)',
    )
    .option(
      '--provider-name <name>',
      'the provider name as accredited (gestore-emittente); default the domain',
    )
    .option('--hostname <host>', 'DNS name the server announces; default the domain')
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)')
    .option('--listen <host>', 'address every listener binds to (default 127.0.0.1)');
  addPortOptions(command);
  command
    .option(
      '--signing-cert <pem>',
      'PEM signing certificate (intermediates may follow), instead of a development one',
    )
    .option('--signing-key <pem>', 'PEM private key of --signing-cert (unencrypted)')
    .option('--signing-p12 <file>', 'PKCS#12 file with the signing key and certificate')
    .option('--signing-p12-password <pw>', `password of --signing-p12 (or set ${p12PasswordEnvVar})`)
    .action(async (options: InitOptions) => {
      const ports = portsFromOptions(options);
      const p12Password = options.signingP12Password ?? cliEnvironment()[p12PasswordEnvVar] ?? '';
      const request: InitProviderOptions = {
        dataDir: cliDataDir(options),
        domain: options.domain,
        env: cliEnvironment(),
        ...(options.providerName === undefined ? {} : { providerName: options.providerName }),
        ...(options.hostname === undefined ? {} : { hostname: options.hostname }),
        ...(options.listen === undefined ? {} : { listen: options.listen }),
        ...(Object.keys(ports).length === 0 ? {} : { ports }),
        ...(options.signingCert === undefined ? {} : { signingCert: options.signingCert }),
        ...(options.signingKey === undefined ? {} : { signingKey: options.signingKey }),
        ...(options.signingP12 === undefined
          ? {}
          : { signingP12: { file: options.signingP12, password: p12Password } }),
      };
      process.stdout.write(renderSummary(await initProvider(request)));
    });
}
