/**
 * The holder's webmail options (decision 0025), kept per box so they follow the holder across
 * browsers and devices: language, theme, list density and preview lines, receipts hidden by
 * default, reading pane position, the delay before an opened message is marked read, and a
 * plain-text signature. Every field has a default; a stored value that no longer fits is dropped.
 */
export const languages = ['it', 'en', 'fr'] as const;
export const themes = ['system', 'light', 'dark'] as const;
export const densities = ['comfortable', 'compact'] as const;
/** three: folders | list | reader; two: list | reader; one: the reader replaces the list (decision 0033). */
export const readingPanes = ['three', 'two', 'one'] as const;

export interface HolderPreferences {
  /** null: the browser's language. */
  readonly language: (typeof languages)[number] | null;
  readonly theme: (typeof themes)[number];
  readonly density: (typeof densities)[number];
  /** Lines of body preview under each row of the list (0 to 2). */
  readonly previewLines: number;
  /** Receipts and notices left out of lists unless the holder shows them (decision 0014). */
  readonly hideReceipts: boolean;
  readonly readingPane: (typeof readingPanes)[number];
  /** Seconds a message stays open before it is marked read; null: never automatically. */
  readonly markReadAfterSeconds: number | null;
  /** Plain text, added below new messages. */
  readonly signature: string;
}

export const maxSignatureLength = 2000;
export const maxMarkReadSeconds = 60;

export const defaultPreferences: HolderPreferences = {
  language: null,
  theme: 'system',
  density: 'comfortable',
  previewLines: 1,
  hideReceipts: false,
  readingPane: 'three',
  markReadAfterSeconds: 0,
  signature: '',
};

/** Some fields; an absent or undefined one is left as it is. */
export type PreferenceChanges = {
  readonly [K in keyof HolderPreferences]?: HolderPreferences[K] | undefined;
};

export interface HolderPreferencesService {
  get(mailboxId: number): Promise<HolderPreferences>;
  /** Applies the given fields over the stored ones and answers the result. */
  update(mailboxId: number, changes: PreferenceChanges): Promise<HolderPreferences>;
}
