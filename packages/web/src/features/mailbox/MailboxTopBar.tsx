// The mailbox's top bar: folders drawer toggle, brand, compose, language, theme, help, home,
// settings and sign-out.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BrandMark, ProviderName } from '../../ui/Brand.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { LanguageSelect, ThemeToggle } from '../../ui/Preferences.tsx';

export function MailboxTopBar({
  drawerOpen,
  onToggleDrawer,
  onCompose,
  onHelp,
  address,
  onSignOut,
  offline = false,
}: {
  drawerOpen: boolean;
  onToggleDrawer: () => void;
  onCompose: () => void;
  onHelp: () => void;
  address: string | undefined;
  onSignOut: () => void;
  /** Offline nothing can be sent: Compose waits for the network. */
  offline?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <button
        type="button"
        className="icon-button drawer-toggle"
        aria-expanded={drawerOpen}
        aria-controls="folder-nav"
        title={drawerOpen ? t('shell.closeFolders') : t('shell.openFolders')}
        onClick={onToggleDrawer}
      >
        <Icon name="menu" />
        <span className="visually-hidden">
          {drawerOpen ? t('shell.closeFolders') : t('shell.openFolders')}
        </span>
      </button>
      <span className="topbar-brand">
        <BrandMark size={28} />
        <span className="topbar-name">
          <ProviderName />
        </span>
      </span>
      <span className="topbar-spacer" />
      <button
        type="button"
        className="button primary compose-button"
        onClick={onCompose}
        disabled={offline}
        title={offline ? t('shell.offlineCompose') : undefined}
      >
        <Icon name="compose" size={18} />
        <span className="compose-label">{t('shell.compose')}</span>
      </button>
      <LanguageSelect compact />
      <ThemeToggle />
      <button type="button" className="icon-button help-button" title={t('shell.help')} onClick={onHelp}>
        <Icon name="help" />
        <span className="visually-hidden">{t('shell.help')}</span>
      </button>
      <Link to="/home" className="icon-button home-link" title={t('dashboard.open')}>
        <Icon name="gauge" />
        <span className="visually-hidden">{t('dashboard.open')}</span>
      </Link>
      <Link to="/settings" className="icon-button" title={t('options.open')}>
        <Icon name="settings" />
        <span className="visually-hidden">{t('options.open')}</span>
      </Link>
      <button
        type="button"
        className="icon-button"
        title={address === undefined ? t('shell.signOut') : `${t('shell.signOut')} — ${address}`}
        onClick={onSignOut}
      >
        <Icon name="signOut" />
        <span className="visually-hidden">{t('shell.signOut')}</span>
      </button>
    </header>
  );
}
