// i18next set-up: Italian by default, English and French; chosen from the saved choice, then the
// browser's languages; the choice is saved and mirrored on <html lang>.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en.ts';
import { fr } from './locales/fr.ts';
import { it } from './locales/it.ts';

export const languages = ['it', 'en', 'fr'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'it';
/** Each language's own name, shown in the switch whatever the current language. */
export const languageNames: Record<Language, string> = { it: 'Italiano', en: 'English', fr: 'Français' };

const storageKey = 'pec.lang';

function isLanguage(value: string | null | undefined): value is Language {
  return value !== null && value !== undefined && (languages as readonly string[]).includes(value);
}

/** The saved choice, else the first browser language we have, else Italian. */
export function detectLanguage(saved: string | null, browser: readonly string[]): Language {
  if (isLanguage(saved)) return saved;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return defaultLanguage;
}

function readSaved(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

export async function initI18n(): Promise<void> {
  const lng = detectLanguage(readSaved(), navigator.languages);
  document.documentElement.lang = lng;
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: defaultLanguage,
    supportedLngs: [...languages],
    resources: { it: { translation: it }, en: { translation: en }, fr: { translation: fr } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export async function changeLanguage(lng: Language): Promise<void> {
  try {
    localStorage.setItem(storageKey, lng);
  } catch {
    // Not persisted; still switched for this page.
  }
  document.documentElement.lang = lng;
  await i18next.changeLanguage(lng);
}

export function currentLanguage(): Language {
  return isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : defaultLanguage;
}
