// The frame of an incoming-mail settings screen: the app bar with the way back, then one column.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BackTopBar } from '../../ui/BackTopBar.tsx';

export function SettingsFrame({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="settings-page">
      <BackTopBar backLabel={t('incoming.back')} />
      <main className="settings-main" aria-labelledby={id}>
        <h1 id={id}>{title}</h1>
        {children}
      </main>
    </div>
  );
}
