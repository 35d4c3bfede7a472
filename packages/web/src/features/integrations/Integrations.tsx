// The Integrations settings screen (/settings/integrations): the box's API tokens and webhooks,
// for software that sends, reads and follows receipts on the holder's behalf.
import { useTranslation } from 'react-i18next';
import { SettingsFrame } from '../settings/SettingsFrame.tsx';
import { ApiTokens } from './ApiTokens.tsx';
import { Webhooks } from './Webhooks.tsx';
import '../../styles/integrations.css';

export function Integrations() {
  const { t } = useTranslation();
  return (
    <SettingsFrame titleId="integrations-title">
      <h1 id="integrations-title">{t('integrations.title')}</h1>
      <p className="hint">{t('integrations.intro')}</p>
      <ApiTokens />
      <Webhooks />
    </SettingsFrame>
  );
}
