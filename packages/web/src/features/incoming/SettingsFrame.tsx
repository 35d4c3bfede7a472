// The frame of an incoming-mail settings screen: the app bar with the way back, then one column.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BrandMark } from '../../ui/Brand.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { LanguageSelect, ThemeToggle } from '../../ui/Preferences.tsx';

export function SettingsFrame({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="settings-page">
      <header className="topbar">
        <Link to="/" className="button back-link">
          <Icon name="back" size={18} />
          <span>{t('incoming.back')}</span>
        </Link>
        <span className="topbar-brand">
          <BrandMark size={28} />
        </span>
        <span className="topbar-spacer" />
        <LanguageSelect compact />
        <ThemeToggle />
      </header>
      <main className="settings-main" aria-labelledby={id}>
        <h1 id={id}>{title}</h1>
        {children}
      </main>
    </div>
  );
}
