// The settings hub (/settings): every section of settingsSections, as a list on a phone and as
// the side navigation plus the same list with a short hint on wider screens.
import { useTranslation } from 'react-i18next';
import { SettingsFrame, SettingsNav } from './SettingsFrame.tsx';

export function SettingsHub() {
  const { t } = useTranslation();
  return (
    <SettingsFrame titleId="settings-hub-title" hub>
      <h1 id="settings-hub-title">{t('options.hubTitle')}</h1>
      <p className="hint settings-hub-hint">{t('options.hubHint')}</p>
      <SettingsNav className="settings-hub-list" />
    </SettingsFrame>
  );
}
