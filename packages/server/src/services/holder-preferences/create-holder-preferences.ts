/**
 * The holder preferences service over its store: reads the stored JSON field by field, keeping
 * only values that fit today's shape (an older or damaged document never breaks the webmail),
 * and writes the whole document back on each change.
 */
import type { Clock } from '../../ports/clock.ts';
import type { HolderPreferenceStore } from '../../ports/holder-preference-store.ts';
import {
  defaultPreferences,
  densities,
  languages,
  maxMarkReadSeconds,
  maxSignatureLength,
  readingPanes,
  themes,
  type HolderPreferences,
  type HolderPreferencesService,
} from './holder-preferences.ts';

export interface HolderPreferencesDependencies {
  readonly store: HolderPreferenceStore;
  readonly clock: Clock;
}

function oneOf<T extends string>(choices: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (choices as readonly string[]).includes(value);
}

function wholeIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** The reading-pane values saved before decision 0033, by the layout they now are. */
const formerReadingPanes: Readonly<Record<string, HolderPreferences['readingPane']>> = {
  right: 'three',
  bottom: 'two',
  off: 'one',
};

/** The fields of `raw` that fit, over the defaults. */
export function readPreferences(raw: unknown): HolderPreferences {
  const r: Partial<Record<keyof HolderPreferences, unknown>> =
    typeof raw === 'object' && raw !== null ? raw : {};
  const d = defaultPreferences;
  return {
    language: r.language === null || oneOf(languages, r.language) ? r.language : d.language,
    theme: oneOf(themes, r.theme) ? r.theme : d.theme,
    density: oneOf(densities, r.density) ? r.density : d.density,
    previewLines: wholeIn(r.previewLines, 0, 2) ? r.previewLines : d.previewLines,
    hideReceipts: typeof r.hideReceipts === 'boolean' ? r.hideReceipts : d.hideReceipts,
    readingPane: oneOf(readingPanes, r.readingPane)
      ? r.readingPane
      : typeof r.readingPane === 'string'
        ? (formerReadingPanes[r.readingPane] ?? d.readingPane)
        : d.readingPane,
    markReadAfterSeconds:
      r.markReadAfterSeconds === null || wholeIn(r.markReadAfterSeconds, 0, maxMarkReadSeconds)
        ? r.markReadAfterSeconds
        : d.markReadAfterSeconds,
    signature:
      typeof r.signature === 'string' && r.signature.length <= maxSignatureLength ? r.signature : d.signature,
  };
}

function parse(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function createHolderPreferences(deps: HolderPreferencesDependencies): HolderPreferencesService {
  const get = async (mailboxId: number) => readPreferences(parse(await deps.store.get(mailboxId)));
  return {
    get,
    async update(mailboxId, changes) {
      const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      const next = readPreferences({ ...(await get(mailboxId)), ...given });
      await deps.store.put(mailboxId, JSON.stringify(next), deps.clock.now());
      return next;
    },
  };
}
