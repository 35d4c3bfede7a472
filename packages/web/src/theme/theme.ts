// Light and dark themes: the system's choice until the holder picks one; the pick is saved, and
// public/theme-init.js applies it before first paint.
export type ThemeChoice = 'light' | 'dark' | 'system';
const storageKey = 'pec.theme';
const darkQuery = '(prefers-color-scheme: dark)';

export function savedTheme(): ThemeChoice {
  try {
    const value = localStorage.getItem(storageKey);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

export function effectiveDark(choice: ThemeChoice): boolean {
  return choice === 'dark' || (choice === 'system' && matchMedia(darkQuery).matches);
}

export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset['theme'];
  else root.dataset['theme'] = choice;
  try {
    if (choice === 'system') localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, choice);
  } catch {
    // Not persisted; still applied to this page.
  }
}

/** Calls back when the system theme changes (it matters only while the choice is 'system'). */
export function watchSystemTheme(onChange: () => void): () => void {
  const query = matchMedia(darkQuery);
  query.addEventListener('change', onChange);
  return () => {
    query.removeEventListener('change', onChange);
  };
}
