// Over the security archive's message list: it is read-only, the kind shown (all, or one of the
// kinds archived), and the way to its settings (decision 0035). Search and sort are the list's own.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { archiveKinds, type ArchiveKind } from '../../api/contract.ts';
import { Icon } from '../../ui/Icon.tsx';
import './security-archive.css';

/** The kind named by the `kind` search parameter, or null for all. */
export function archiveKindOf(value: string | null): ArchiveKind | null {
  return archiveKinds.find((kind) => kind === value) ?? null;
}

export function ArchiveBar(props: { kind: ArchiveKind | null; onKind: (kind: ArchiveKind | null) => void }) {
  const { t } = useTranslation();
  return (
    <div className="archive-bar">
      <span className="tag">
        <Icon name="security-archive" size={14} />
        {t('securityArchive.readOnly')}
      </span>
      <label className="visually-hidden" htmlFor="archive-kind">
        {t('securityArchive.kindFilter')}
      </label>
      <select
        id="archive-kind"
        value={props.kind ?? ''}
        onChange={(event) => {
          props.onKind(archiveKindOf(event.target.value));
        }}
      >
        <option value="">{t('securityArchive.allKinds')}</option>
        {archiveKinds.map((kind) => (
          <option key={kind} value={kind}>
            {t(`securityArchive.kind.${kind}`)}
          </option>
        ))}
      </select>
      <Link to="/settings/security-archive" className="icon-button" title={t('securityArchive.settingsLink')}>
        <Icon name="settings" size={18} />
        <span className="visually-hidden">{t('securityArchive.settingsLink')}</span>
      </Link>
    </div>
  );
}
