/**
 * The holder's allow-list of sign-in networks (decision 0027): at most 20 CIDR blocks, stored
 * canonical; an empty list allows every network. A list that would refuse the network the holder
 * is saving it from is refused, so nobody locks themselves out from the settings.
 */
import type { Clock } from '../../ports/clock.ts';
import type { Storage } from '../../ports/storage.ts';
import { canonicalCidr, isAllowedNetwork, maximumNetworks } from './network-allow-list.ts';

export type NetworksOutcome =
  | { readonly ok: true; readonly networks: string[] }
  /** `problem` says why, in English; `entry` names the text that is no CIDR block. */
  | { readonly ok: false; readonly problem: string; readonly entry?: string };

export interface SignInNetworks {
  list(mailboxId: number): Promise<string[]>;
  replace(mailboxId: number, entries: readonly string[], remoteAddress: string): Promise<NetworksOutcome>;
}

export function createSignInNetworks(deps: {
  readonly storage: Pick<Storage, 'signInNetworks'>;
  readonly clock: Clock;
}): SignInNetworks {
  return {
    list: (mailboxId) => deps.storage.signInNetworks.list(mailboxId),
    async replace(mailboxId, entries, remoteAddress) {
      const networks: string[] = [];
      for (const entry of entries.filter((e) => e.trim() !== '')) {
        const cidr = canonicalCidr(entry);
        if (cidr === undefined)
          return {
            ok: false,
            problem: `${entry.trim()} is not a network: write an address or address/prefix, such as 192.0.2.0/24`,
            entry,
          };
        if (!networks.includes(cidr)) networks.push(cidr);
      }
      if (networks.length > maximumNetworks)
        return { ok: false, problem: `at most ${String(maximumNetworks)} networks` };
      if (!isAllowedNetwork(remoteAddress, networks))
        return {
          ok: false,
          problem: `the list leaves out the network you are using now (${remoteAddress}): add it, or you would be signed out for good`,
        };
      await deps.storage.signInNetworks.replace(mailboxId, networks, deps.clock.now());
      return { ok: true, networks };
    },
  };
}
