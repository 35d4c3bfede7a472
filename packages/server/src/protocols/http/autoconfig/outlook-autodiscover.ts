/**
 * Outlook's POX autodiscover (MS-OXDSCLI: the request schema
 * .../autodiscover/outlook/requestschema/2006 and the response schema .../responseschema/2006a):
 * reads the address from the request and answers the IMAP, POP3 and SMTP servers, preferred
 * first. `SSL on` with `Encryption` says which TLS: `SSL` implicit, `TLS` STARTTLS.
 */
import { serversOf, xmlText, type ClientServer, type ClientSettings } from './client-settings.ts';

export const autodiscoverResponseSchema =
  'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';

/** The <EMailAddress> of an autodiscover request body, if any (the body is small and flat). */
export function autodiscoverRequestAddress(body: string): string | undefined {
  const match = /<EMailAddress>\s*([^<\s]+)\s*<\/EMailAddress>/i.exec(body);
  return match?.[1];
}

function protocolElement(server: ClientServer, address: string): string {
  return [
    '      <Protocol>',
    `        <Type>${server.protocol.toUpperCase()}</Type>`,
    `        <Server>${xmlText(server.host)}</Server>`,
    `        <Port>${String(server.port)}</Port>`,
    `        <LoginName>${xmlText(address)}</LoginName>`,
    '        <DomainRequired>off</DomainRequired>',
    '        <SPA>off</SPA>',
    '        <SSL>on</SSL>',
    `        <Encryption>${server.security === 'tls' ? 'SSL' : 'TLS'}</Encryption>`,
    '        <AuthRequired>on</AuthRequired>',
    ...(server.protocol === 'smtp' ? ['        <UsePOPAuth>on</UsePOPAuth>'] : []),
    '      </Protocol>',
  ].join('\n');
}

export function outlookAutodiscover(settings: ClientSettings, address: string): string {
  const servers = [
    ...serversOf(settings, 'imap'),
    ...serversOf(settings, 'pop3'),
    ...serversOf(settings, 'smtp'),
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">',
    `  <Response xmlns="${autodiscoverResponseSchema}">`,
    '    <User>',
    `      <DisplayName>${xmlText(address)}</DisplayName>`,
    '    </User>',
    '    <Account>',
    '      <AccountType>email</AccountType>',
    '      <Action>settings</Action>',
    ...servers.map((server) => protocolElement(server, address)),
    '    </Account>',
    '  </Response>',
    '</Autodiscover>',
    '',
  ].join('\n');
}
