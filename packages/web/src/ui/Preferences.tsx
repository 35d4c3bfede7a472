// The language and theme switches, on the sign-in screen and in the app bar.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, languageNames, languages, type Language } from '../i18n/index.ts';
import { applyTheme, effectiveDark, savedTheme, watchSystemTheme } from '../theme/theme.ts';
import { Icon } from './Icon.tsx';

export function LanguageSelect({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className={compact ? 'pref pref-compact' : 'pref'}>
      <label htmlFor={id} className={compact ? 'visually-hidden' : 'pref-label'}>
        {t('settings.language')}
      </label>
      <span className="select-wrap">
        <Icon name="globe" size={16} />
        <select
          id={id}
          value={currentLanguage()}
          onChange={(event) => void changeLanguage(event.target.value as Language)}
        >
          {languages.map((lng) => (
            <option key={lng} value={lng} lang={lng}>
              {languageNames[lng]}
            </option>
          ))}
        </select>
      </span>
    </div>
  );
}

export function ThemeToggle() {
  const { t } = useTranslation();
  const [dark, setDark] = useState(() => effectiveDark(savedTheme()));
  useEffect(
    () =>
      watchSystemTheme(() => {
        setDark(effectiveDark(savedTheme()));
      }),
    [],
  );
  return (
    <button
      type="button"
      className="icon-button"
      aria-pressed={dark}
      title={t('settings.darkTheme')}
      onClick={() => {
        applyTheme(dark ? 'light' : 'dark');
        setDark(!dark);
      }}
    >
      <Icon name={dark ? 'moon' : 'sun'} />
      <span className="visually-hidden">{t('settings.darkTheme')}</span>
    </button>
  );
}
