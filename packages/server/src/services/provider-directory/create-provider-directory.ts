/**
 * The live providers' index (pec-spec §7.3): one holder whose content a refresh or an import can
 * swap while the provider runs, and a `ProviderIndex` view that always answers from the current
 * content, so the access point's certificato / esterno decision and the reception point's signer
 * lookup use the latest copy without a restart. A swap is atomic: each call sees one whole index.
 */
import type { ProviderIndex } from '@pec/core';

export interface ProviderDirectory {
  /** The index in force now. */
  current(): ProviderIndex;
  /** Puts `next` in force for every later lookup. */
  replace(next: ProviderIndex): void;
  /** A view that delegates every call to `current()`; hand it out as `ProviderContext.index`. */
  readonly index: ProviderIndex;
  /** How many times the content was replaced since creation. */
  readonly generation: number;
}

export function createProviderDirectory(initial: ProviderIndex): ProviderDirectory {
  let content = initial;
  let generation = 0;
  const index: ProviderIndex = {
    get providers() {
      return content.providers;
    },
    classifyDomain: (domainOrAddress) => content.classifyDomain(domainOrAddress),
    findProviderByDomain: (domainOrAddress) => content.findProviderByDomain(domainOrAddress),
    findProviderByCertificate: (der) => content.findProviderByCertificate(der),
    findProviderBySha1: (hex) => content.findProviderBySha1(hex),
  };
  return {
    current: () => content,
    replace(next) {
      content = next;
      generation++;
    },
    index,
    get generation() {
      return generation;
    },
  };
}
