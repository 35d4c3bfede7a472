// The frame of every settings screen: the app bar (back to mail, language, theme) and, from
// 768 px, a side navigation of the hub's sections; on a phone the bar leads back to the hub list.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { BackTopBar } from '../../ui/BackTopBar.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { settingsSections } from './sections.ts';
import './settings.css';

export function SettingsNav({ className }: { className: string }) {
  const { t } = useTranslation();
  return (
    <nav className={className} aria-label={t('options.hubTitle')}>
      <ul>
        {settingsSections.map((section) => (
          <li key={section.path}>
            <NavLink to={section.path} className="settings-nav-link">
              <span>{t(section.titleKey as 'options.title')}</span>
              <Icon name="forward" size={16} />
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function SettingsFrame(props: { titleId: string; hub?: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="settings-page settings-hub-page">
      <BackTopBar
        backLabel={t('security.back')}
        {...(props.hub === true ? {} : { up: { to: '/settings', label: t('options.hubTitle') } })}
      />
      <div className={props.hub === true ? 'settings-body settings-body-hub' : 'settings-body'}>
        <SettingsNav className="settings-side-nav" />
        <main className="settings-main" aria-labelledby={props.titleId}>
          {props.children}
        </main>
      </div>
    </div>
  );
}
