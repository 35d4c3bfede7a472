/**
 * Port for the spam filter the reception point asks about incoming mail (decision 0026). Unlike the
 * antivirus, a filter that cannot answer never stops mail: the verdict is `unavailable` and the
 * message flows unscored (fail open, for scoring only). A signed PEC is never refused on a score.
 */

export interface SpamEnvelope {
  /** SMTP reverse-path ('' for the null sender). */
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
  /** The connecting client's address, when known. */
  readonly ip?: string;
  readonly helo?: string;
}

export type SpamVerdict =
  | {
      readonly kind: 'scored';
      readonly score: number;
      /** The filter's own action (rspamd: no action, add header, rewrite subject, reject…). */
      readonly action: string;
      /** Names of the rules that matched, e.g. GTUBE. */
      readonly symbols: readonly string[];
    }
  | { readonly kind: 'unavailable'; readonly reason: string };

export interface SpamScanner {
  check(raw: Uint8Array, envelope: SpamEnvelope): Promise<SpamVerdict>;
}
