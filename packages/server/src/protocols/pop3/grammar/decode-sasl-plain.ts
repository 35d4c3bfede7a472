/**
 * The client response of SASL PLAIN (RFC 4616 §2): base64 of `authzid NUL authcid NUL passwd`, as
 * sent after `AUTH PLAIN` (RFC 5034 §4; `=` is the empty initial response). Refuses malformed
 * base64, a wrong number of fields and empty identities or passwords.
 */

export interface SaslPlainCredentials {
  /** The identity to act as; '' when the client asks for its own. */
  readonly authzid: string;
  readonly authcid: string;
  readonly password: string;
}

export type SaslPlainDecode =
  | { readonly ok: true; readonly credentials: SaslPlainCredentials }
  | { readonly ok: false; readonly reason: 'bad-base64' | 'bad-message' };

const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function decodeSaslPlain(response: string): SaslPlainDecode {
  const text = response === '=' ? '' : response;
  if (!base64Pattern.test(text)) return { ok: false, reason: 'bad-base64' };
  const fields = Buffer.from(text, 'base64').toString('utf8').split('\u0000');
  if (fields.length !== 3) return { ok: false, reason: 'bad-message' };
  const [authzid = '', authcid = '', password = ''] = fields;
  if (authcid === '' || password === '') return { ok: false, reason: 'bad-message' };
  return { ok: true, credentials: { authzid, authcid, password } };
}
