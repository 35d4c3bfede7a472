/**
 * The webmail options of each box (decision 0025), kept as one JSON document per box: the service
 * (services/holder-preferences) owns its shape and validation; the store only keeps the text.
 */
export interface HolderPreferenceStore {
  /** The stored document, or undefined when the holder never saved any. */
  get(mailboxId: number): Promise<string | undefined>;
  /** Creates or replaces the box's document. */
  put(mailboxId: number, preferences: string, updatedAt: Date): Promise<void>;
}
