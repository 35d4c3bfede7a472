/**
 * Port for the antivirus that the access point and the reception point must run (pec-spec §2.1,
 * §2.2 step 3, §3.8; RFC 6109 §5.4). A scanner answers for the exact bytes given; a scanner that
 * cannot scan throws, and the caller treats that as a temporary failure (never as clean).
 */

export interface VirusScanResult {
  readonly infected: boolean;
  /** Name of the signature found, when infected. */
  readonly signature?: string;
}

export interface VirusScanner {
  scan(bytes: Uint8Array): Promise<VirusScanResult>;
}

/** The development default (`antivirus.kind: none`): reports everything clean. */
export const noVirusScanner: VirusScanner = {
  scan: () => Promise.resolve({ infected: false }),
};
