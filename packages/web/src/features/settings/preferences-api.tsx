// The holder's webmail options, kept by the server per box so they follow the holder to every
// device (GET/PATCH /api/v1/preferences, decision 0025), and their effect on this browser: the
// language, the theme, the receipts filter default, the list density and the mark-read delay.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { json } from '../../api/client.ts';
import { changeLanguage, currentLanguage } from '../../i18n/index.ts';
import { applyTheme, savedTheme } from '../../theme/theme.ts';

export interface Preferences {
  language: 'it' | 'en' | 'fr' | null;
  theme: 'system' | 'light' | 'dark';
  density: 'comfortable' | 'compact';
  previewLines: number;
  hideReceipts: boolean;
  /** three: folders | list | reader; two: list | reader; one: the reader replaces the list. */
  readingPane: 'three' | 'two' | 'one';
  markReadAfterSeconds: number | null;
  signature: string;
}

export const preferencesKey = ['preferences'] as const;

export const preferencesApi = {
  get: () => json<Preferences>('GET', '/preferences'),
  update: (changes: Partial<Preferences>) => json<Preferences>('PATCH', '/preferences', changes),
};

export const usePreferences = () =>
  useQuery({ queryKey: preferencesKey, queryFn: preferencesApi.get, staleTime: 60_000 });

const hideReceiptsKey = 'pec.hideReceipts';

/**
 * Applies the options that act on the whole page. A language or theme the holder chose in Options
 * wins over this device's; "as the browser" and "as the system" leave the device's own switch
 * (the app bar's) alone when the options arrive, and reset it when chosen in Options.
 */
export function applyPreferences(prefs: Preferences, initial: boolean): void {
  if (prefs.language !== null && prefs.language !== currentLanguage()) void changeLanguage(prefs.language);
  if ((!initial || prefs.theme !== 'system') && prefs.theme !== savedTheme()) applyTheme(prefs.theme);
  document.documentElement.dataset['density'] = prefs.density;
  try {
    // The list's own toggle is this device's choice; the option is its default.
    if (!initial || localStorage.getItem(hideReceiptsKey) === null)
      localStorage.setItem(hideReceiptsKey, prefs.hideReceipts ? '1' : '0');
  } catch {
    // No storage: the list starts with its own default.
  }
}

/** Mounted once behind the session guard: applies the holder's options when they arrive. */
export function PreferencesSync() {
  const prefs = usePreferences();
  useEffect(() => {
    if (prefs.data !== undefined) applyPreferences(prefs.data, true);
  }, [prefs.data]);
  return null;
}

/** Changes sent and not yet answered, oldest first: what the screen shows on top of the server's word. */
const inFlight = new Set<Partial<Preferences>>();
/** Order of the changes sent, and of the latest whose answer is shown: an older answer arriving late is not. */
let sent = 0;
let shownAnswer = 0;

function withInFlight(base: Preferences): Preferences {
  let shown = base;
  for (const changes of inFlight) shown = { ...shown, ...changes };
  return shown;
}

/**
 * Saves some options and applies them at once: the screen shows the change before the server answers
 * (a controlled checkbox must not flip back while the request runs), and returns to what was there
 * if the server refuses it. Changes made in quick succession each keep showing until their own
 * answer: an earlier change's answer, which does not know of a later one yet, does not undo it.
 */
export function useSavePreferences(): (changes: Partial<Preferences>) => Promise<Preferences> {
  const client = useQueryClient();
  return async (changes) => {
    const before = client.getQueryData<Preferences>(preferencesKey);
    const order = ++sent;
    inFlight.add(changes);
    if (before !== undefined) client.setQueryData(preferencesKey, withInFlight(before));
    try {
      const saved = await preferencesApi.update(changes);
      inFlight.delete(changes);
      if (order > shownAnswer) {
        shownAnswer = order;
        const shown = withInFlight(saved);
        client.setQueryData(preferencesKey, shown);
        applyPreferences(shown, false);
      }
      return saved;
    } catch (error) {
      inFlight.delete(changes);
      const current = client.getQueryData<Preferences>(preferencesKey);
      if (before !== undefined && current !== undefined) {
        // Only this change's options go back; the others keep what they show.
        const reverted: Preferences = { ...current };
        for (const key of Object.keys(changes) as (keyof Preferences)[])
          Object.assign(reverted, { [key]: before[key] });
        client.setQueryData(preferencesKey, withInFlight(reverted));
      }
      throw error;
    }
  };
}
