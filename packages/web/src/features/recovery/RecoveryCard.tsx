// The frame of the recovery pages: the sign-in screen's card, with language and theme in the corner.
import type { ReactNode } from 'react';
import { BrandMark, ProviderName } from '../../ui/Brand.tsx';
import { LanguageSelect, ThemeToggle } from '../../ui/Preferences.tsx';

export function RecoveryCard({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
}) {
  return (
    <div className="signin-page">
      <div className="signin-prefs">
        <LanguageSelect />
        <ThemeToggle />
      </div>
      <main className="signin-card" aria-labelledby="recovery-title">
        <div className="signin-brand">
          <BrandMark size={40} />
          <span className="signin-provider">
            <ProviderName />
          </span>
        </div>
        <h1 id="recovery-title">{title}</h1>
        {subtitle !== undefined && <p className="signin-subtitle">{subtitle}</p>}
        {children}
      </main>
      <div />
    </div>
  );
}
