/**
 * Client autoconfiguration on the HTTP listener, outside /api and without a session (clients ask
 * before they have credentials): Thunderbird's `/.well-known/autoconfig/mail/config-v1.1.xml`,
 * the same at `/mail/config-v1.1.xml` for the `autoconfig.DOMAIN` host form, and Outlook's POX
 * autodiscover at `/autodiscover/autodiscover.xml` (POST as Outlook sends it, GET for a look).
 * An address outside the provider's domains gets 404: we describe only our own mailboxes.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ClientSettings } from './client-settings.ts';
import { thunderbirdAutoconfig } from './thunderbird-autoconfig.ts';
import { autodiscoverRequestAddress, outlookAutodiscover } from './outlook-autodiscover.ts';

export interface AutoconfigDependencies {
  /** The servers as bound and advertised (read per request: listeners start before HTTP answers). */
  clientSettings(): ClientSettings;
  /** The mail domains of the provider, lower-case. */
  domains(): Promise<readonly string[]>;
}

export const autoconfigPaths = {
  wellKnown: '/.well-known/autoconfig/mail/config-v1.1.xml',
  autoconfigHost: '/mail/config-v1.1.xml',
  autodiscover: '/autodiscover/autodiscover.xml',
  autodiscoverUpper: '/Autodiscover/Autodiscover.xml',
} as const;

const xmlType = 'application/xml; charset=utf-8';

function domainOf(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  return at < 1 ? undefined : address.slice(at + 1).toLowerCase();
}

function notOurs(reply: FastifyReply): FastifyReply {
  return reply.code(404).type('text/plain; charset=utf-8').send('No mailbox of this provider.\n');
}

export function registerAutoconfig(app: FastifyInstance, deps: AutoconfigDependencies): void {
  void app.register((scope, _options, done) => {
    // Autodiscover bodies are small XML; read them as text.
    scope.addContentTypeParser(
      ['text/xml', 'application/xml'],
      { parseAs: 'string', bodyLimit: 16_384 },
      (_request, body, next) => {
        next(null, body);
      },
    );

    const autoconfig = async (address: string | undefined, reply: FastifyReply) => {
      const domains = await deps.domains();
      const asked = address === undefined ? undefined : domainOf(address);
      if (address !== undefined && (asked === undefined || !domains.includes(asked))) return notOurs(reply);
      return reply
        .header('cache-control', 'no-cache')
        .type(xmlType)
        .send(thunderbirdAutoconfig(deps.clientSettings(), asked === undefined ? domains : [asked]));
    };
    for (const url of [autoconfigPaths.wellKnown, autoconfigPaths.autoconfigHost]) {
      scope.get<{ Querystring: { emailaddress?: string } }>(url, (request, reply) =>
        autoconfig(request.query.emailaddress, reply),
      );
    }

    const autodiscover = async (address: string | undefined, reply: FastifyReply) => {
      const domain = address === undefined ? undefined : domainOf(address);
      if (address === undefined || domain === undefined || !(await deps.domains()).includes(domain))
        return notOurs(reply);
      return reply
        .header('cache-control', 'no-cache')
        .type(xmlType)
        .send(outlookAutodiscover(deps.clientSettings(), address.toLowerCase()));
    };
    for (const url of [autoconfigPaths.autodiscover, autoconfigPaths.autodiscoverUpper]) {
      scope.post(url, (request, reply) =>
        autodiscover(
          typeof request.body === 'string' ? autodiscoverRequestAddress(request.body) : undefined,
          reply,
        ),
      );
      scope.get<{ Querystring: { emailaddress?: string; email?: string } }>(url, (request, reply) =>
        autodiscover(request.query.emailaddress ?? request.query.email, reply),
      );
    }
    done();
  });
}
