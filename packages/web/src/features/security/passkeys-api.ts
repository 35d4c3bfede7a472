// Passkey calls (decision 0032): the ceremonies run in the browser by @simplewebauthn/browser,
// their options and answers passed to and from the server as they are.
import { useQuery } from '@tanstack/react-query';
import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { json, request } from '../../api/client.ts';

export interface Passkey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export const passkeyKeys = { list: ['security', 'passkeys'] as const };

export const passkeysSupported = (): boolean => browserSupportsWebAuthn();

export const passkeyApi = {
  list: () => json<{ passkeys: Passkey[] }>('GET', '/security/passkeys'),
  /** Makes a passkey on this device for the signed-in box and keeps it under `name`. */
  register: async (name: string): Promise<Passkey> => {
    const optionsJSON = await json<PublicKeyCredentialCreationOptionsJSON>(
      'POST',
      '/security/passkeys/options',
    );
    const credential = await startRegistration({ optionsJSON });
    return json<Passkey>('POST', '/security/passkeys', { name, credential });
  },
  remove: async (id: string): Promise<void> => {
    await request('DELETE', `/security/passkeys/${encodeURIComponent(id)}`);
  },
  /** Signs in with a passkey: the second step when a password sign-in waits for one, else alone. */
  signIn: async (staySignedIn: boolean): Promise<void> => {
    const optionsJSON = await json<PublicKeyCredentialRequestOptionsJSON>('POST', '/session/passkey/options');
    const credential = await startAuthentication({ optionsJSON });
    await request('POST', '/session/passkey', { credential, staySignedIn });
  },
};

export const usePasskeys = () => useQuery({ queryKey: passkeyKeys.list, queryFn: passkeyApi.list });

/** A browser's refusal of the ceremony (cancelled, timed out, no matching passkey). */
export function isCeremonyAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError');
}
