// "Set up a mail client" (/settings/mail-client): the IMAP, POP3 and SMTP servers of the box (the
// same settings autoconfiguration serves), the Apple profile to download, a word on Thunderbird
// and Outlook configuring themselves, and app passwords when two-step verification is on.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiBase } from '../../api/contract.ts';
import { useSecurityOverview } from '../security/security-api.ts';
import { Alert } from '../security/security-ui.tsx';
import { SettingsFrame } from '../settings/SettingsFrame.tsx';
import { useClientSetup, type ClientServer } from './integrations-api.ts';
import '../../styles/integrations.css';

const protocols = ['imap', 'pop3', 'smtp'] as const;

function ServerRows({ servers }: { servers: ClientServer[] }) {
  const { t } = useTranslation();
  return (
    <>
      {servers.map((server, index) => (
        <tr key={`${server.host}:${String(server.port)}`}>
          <td data-label={t('clientSetup.server')}>
            <code>{server.host}</code>
            {index === 0 && servers.length > 1 && (
              <span className="tag tag-ok client-preferred">{t('clientSetup.preferred')}</span>
            )}
          </td>
          <td data-label={t('clientSetup.port')}>
            <code>{server.port}</code>
          </td>
          <td data-label={t('clientSetup.security')}>{t(`clientSetup.securities.${server.security}`)}</td>
        </tr>
      ))}
    </>
  );
}

export function ClientSetup() {
  const { t } = useTranslation();
  const setup = useClientSetup();
  const overview = useSecurityOverview();
  const twoFactor = overview.data?.twoFactor.enabled === true;
  return (
    <SettingsFrame titleId="client-setup-title">
      <h1 id="client-setup-title">{t('clientSetup.title')}</h1>
      <p className="hint">{t('clientSetup.intro')}</p>
      {setup.isError && <Alert text={t('security.loadError')} />}

      <section className="settings-section" aria-labelledby="client-auto-title">
        <h2 id="client-auto-title">{t('clientSetup.autoTitle')}</h2>
        <p>{t('clientSetup.autoBody')}</p>
        <p className="hint">{t('clientSetup.appleBody')}</p>
        <a className="button primary" href={`${apiBase}/client-setup/mobileconfig`} download>
          {t('clientSetup.downloadProfile')}
        </a>
      </section>

      <section className="settings-section" aria-labelledby="client-manual-title">
        <h2 id="client-manual-title">{t('clientSetup.manualTitle')}</h2>
        {setup.data !== undefined && (
          <>
            <dl className="client-credentials">
              <dt>{t('clientSetup.username')}</dt>
              <dd>
                <code>{setup.data.username}</code>
              </dd>
              <dt>{t('clientSetup.password')}</dt>
              <dd>{twoFactor ? t('clientSetup.passwordApp') : t('clientSetup.passwordSame')}</dd>
            </dl>
            {protocols.map((protocol) => {
              const servers = setup.data.servers.filter((s) => s.protocol === protocol);
              if (servers.length === 0) return null;
              return (
                <div key={protocol} className="table-wrap client-servers">
                  <table className="delivery-log">
                    <caption>{t(`clientSetup.protocols.${protocol}`)}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('clientSetup.server')}</th>
                        <th scope="col">{t('clientSetup.port')}</th>
                        <th scope="col">{t('clientSetup.security')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <ServerRows servers={servers} />
                    </tbody>
                  </table>
                </div>
              );
            })}
            <p className="hint">{t('clientSetup.pecNote')}</p>
          </>
        )}
      </section>

      {twoFactor && (
        <section className="settings-section" aria-labelledby="client-app-title">
          <h2 id="client-app-title">{t('clientSetup.appPasswordTitle')}</h2>
          <p className="notice">{t('clientSetup.appPasswordBody')}</p>
          <Link className="button" to="/settings/security">
            {t('clientSetup.appPasswordLink')}
          </Link>
        </section>
      )}
    </SettingsFrame>
  );
}
