/**
 * An Apple configuration profile (`.mobileconfig`, an XML property list; Apple's "Configuration
 * Profile Reference", payload com.apple.mail.managed) that sets up one mailbox on iOS and macOS
 * Mail: the preferred IMAP server and the preferred SMTP submission server, both with TLS, the
 * address as user name, the password asked for on install. The profile is not signed: the device
 * shows it as "Unverified" (signing needs a code-signing certificate the provider may not have).
 */
import { createHash } from 'node:crypto';
import { serversOf, xmlText, type ClientSettings } from './client-settings.ts';

export const mobileconfigContentType = 'application/x-apple-aspen-config';

/** A stable UUID (RFC 9562 layout, name-based) so reinstalling replaces the profile. */
function nameUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `8${hex.slice(13, 16)}`,
    `a${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ]
    .join('-')
    .toUpperCase();
}

function entry(key: string, value: string | number | boolean): string {
  const rendered =
    typeof value === 'boolean'
      ? `<${String(value)}/>`
      : typeof value === 'number'
        ? `<integer>${String(value)}</integer>`
        : `<string>${xmlText(value)}</string>`;
  return `      <key>${key}</key>\n      ${rendered}`;
}

export interface MobileconfigHolder {
  readonly address: string;
  readonly displayName: string;
}

/** The profile, or undefined when the provider offers no IMAP or no submission server. */
export function appleMobileconfig(settings: ClientSettings, holder: MobileconfigHolder): string | undefined {
  const [imap] = serversOf(settings, 'imap');
  const [smtp] = serversOf(settings, 'smtp');
  if (imap === undefined || smtp === undefined) return undefined;
  const reverseDomain = settings.providerDomain.split('.').reverse().join('.');
  const identifier = `${reverseDomain}.pec.${holder.address}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    '  <key>PayloadContent</key>',
    '  <array>',
    '    <dict>',
    entry('EmailAccountDescription', `PEC ${holder.address}`),
    entry('EmailAccountName', holder.displayName),
    entry('EmailAccountType', 'EmailTypeIMAP'),
    entry('EmailAddress', holder.address),
    entry('IncomingMailServerAuthentication', 'EmailAuthPassword'),
    entry('IncomingMailServerHostName', imap.host),
    entry('IncomingMailServerPortNumber', imap.port),
    entry('IncomingMailServerUseSSL', true),
    entry('IncomingMailServerUsername', holder.address),
    entry('OutgoingMailServerAuthentication', 'EmailAuthPassword'),
    entry('OutgoingMailServerHostName', smtp.host),
    entry('OutgoingMailServerPortNumber', smtp.port),
    entry('OutgoingMailServerUseSSL', true),
    entry('OutgoingMailServerUsername', holder.address),
    entry('OutgoingPasswordSameAsIncomingPassword', true),
    entry('PayloadDisplayName', `PEC ${holder.address}`),
    entry('PayloadIdentifier', `${identifier}.mail`),
    entry('PayloadType', 'com.apple.mail.managed'),
    entry('PayloadUUID', nameUuid(`${identifier}.mail`)),
    entry('PayloadVersion', 1),
    '    </dict>',
    '  </array>',
    '  <key>PayloadDisplayName</key>',
    `  <string>${xmlText(`${settings.providerName}: ${holder.address}`)}</string>`,
    '  <key>PayloadIdentifier</key>',
    `  <string>${xmlText(identifier)}</string>`,
    '  <key>PayloadOrganization</key>',
    `  <string>${xmlText(settings.providerName)}</string>`,
    '  <key>PayloadRemovalDisallowed</key>',
    '  <false/>',
    '  <key>PayloadType</key>',
    '  <string>Configuration</string>',
    '  <key>PayloadUUID</key>',
    `  <string>${nameUuid(identifier)}</string>`,
    '  <key>PayloadVersion</key>',
    '  <integer>1</integer>',
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}
