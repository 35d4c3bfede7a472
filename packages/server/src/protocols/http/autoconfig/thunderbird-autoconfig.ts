/**
 * The Thunderbird autoconfig document (clientConfig version 1.1, the format of
 * wiki.mozilla.org/Thunderbird:Autoconfiguration:ConfigFileFormat) for the mail domains of the
 * provider: every IMAP and POP3 server, then every SMTP submission server, preferred first; the
 * user name is the whole address and the password travels in clear inside TLS (pec-spec §8.6).
 */
import { serversOf, xmlText, type ClientServer, type ClientSettings } from './client-settings.ts';

function socketType(server: ClientServer): string {
  return server.security === 'tls' ? 'SSL' : 'STARTTLS';
}

function serverElement(element: 'incomingServer' | 'outgoingServer', server: ClientServer): string {
  return [
    `    <${element} type="${server.protocol}">`,
    `      <hostname>${xmlText(server.host)}</hostname>`,
    `      <port>${String(server.port)}</port>`,
    `      <socketType>${socketType(server)}</socketType>`,
    '      <authentication>password-cleartext</authentication>',
    '      <username>%EMAILADDRESS%</username>',
    `    </${element}>`,
  ].join('\n');
}

export function thunderbirdAutoconfig(settings: ClientSettings, domains: readonly string[]): string {
  const incoming = [...serversOf(settings, 'imap'), ...serversOf(settings, 'pop3')];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<clientConfig version="1.1">',
    `  <emailProvider id="${xmlText(settings.providerDomain)}">`,
    ...domains.map((domain) => `    <domain>${xmlText(domain)}</domain>`),
    `    <displayName>${xmlText(settings.providerName)}</displayName>`,
    `    <displayShortName>${xmlText(settings.providerName)}</displayShortName>`,
    ...incoming.map((server) => serverElement('incomingServer', server)),
    ...serversOf(settings, 'smtp').map((server) => serverElement('outgoingServer', server)),
    '  </emailProvider>',
    '</clientConfig>',
    '',
  ].join('\n');
}
