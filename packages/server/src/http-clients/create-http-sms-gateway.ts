/**
 * SmsGateway over HTTP, its request shaped by configuration (decision 0028), since every gateway
 * wants its own: the URL and method, one authorisation header, a content type, and a body
 * template in which `{{to}}` and `{{text}}` are replaced by the recipient and the text, escaped
 * for the content type (JSON string contents, or form-urlencoded values). The URL's own
 * placeholders are replaced percent-encoded. Any 2xx status means the gateway took the message.
 */
import type { SmsGateway } from '../ports/sms-gateway.ts';

export interface HttpSmsGatewaySettings {
  readonly url: string;
  readonly method: 'POST' | 'PUT' | 'GET';
  /** e.g. `{ name: 'Authorization', value: 'Bearer …' }`; absent: none. */
  readonly authHeader?: { readonly name: string; readonly value: string };
  readonly contentType: 'application/json' | 'application/x-www-form-urlencoded';
  /** e.g. `{"to":"{{to}}","message":"{{text}}"}` or `to={{to}}&body={{text}}`; unused for GET. */
  readonly bodyTemplate: string;
  readonly timeoutMs: number;
}

/** A value escaped so that it may stand between the quotes of a JSON string. */
const jsonInner = (value: string): string => JSON.stringify(value).slice(1, -1);

export function fillTemplate(
  template: string,
  values: Readonly<Record<string, string>>,
  escape: (value: string) => string,
): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : escape(value);
  });
}

export function createHttpSmsGateway(settings: HttpSmsGatewaySettings): SmsGateway {
  return {
    async send(message) {
      const values = { to: message.to, text: message.text };
      const url = fillTemplate(settings.url, values, encodeURIComponent);
      const escape = settings.contentType === 'application/json' ? jsonInner : encodeURIComponent;
      const withBody = settings.method !== 'GET';
      try {
        const response = await fetch(url, {
          method: settings.method,
          redirect: 'manual',
          signal: AbortSignal.timeout(settings.timeoutMs),
          headers: {
            ...(withBody ? { 'content-type': settings.contentType } : {}),
            ...(settings.authHeader === undefined
              ? {}
              : { [settings.authHeader.name]: settings.authHeader.value }),
          },
          ...(withBody ? { body: fillTemplate(settings.bodyTemplate, values, escape) } : {}),
        });
        await response.body?.cancel();
        return response.status >= 200 && response.status < 300
          ? { sent: true, status: response.status }
          : {
              sent: false,
              status: response.status,
              problem: `the gateway answered ${String(response.status)}`,
            };
      } catch (error) {
        return { sent: false, problem: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
