// /settings/security-archive: switch the security archive on or off, choose the kinds it keeps,
// allow deleting from it (off by default, with a warning), and see the space it uses against the
// plan's archive quota, with the way to open it (decision 0035).
import { useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { archiveKinds, type ArchiveKind, type SecurityArchive } from '../../api/contract.ts';
import { formatFullDate, formatSize } from '../../i18n/format.ts';
import { problemMessage } from '../../ui/problem.ts';
import { SettingsFrame } from '../incoming/SettingsFrame.tsx';
import { Alert } from '../security/security-ui.tsx';
import { archiveApi, archiveKey, useSecurityArchive } from './archive-api.ts';
import './security-archive.css';

function Usage({ archive }: { archive: SecurityArchive }) {
  const { t, i18n } = useTranslation();
  const percent =
    archive.quotaBytes > 0 ? Math.min(100, Math.round((archive.usedBytes * 100) / archive.quotaBytes)) : 0;
  return (
    <section className="settings-section" aria-labelledby="archive-space-title">
      <h2 id="archive-space-title">{t('securityArchive.space')}</h2>
      {archive.quotaBytes === 0 ? (
        <p className="hint">{t('securityArchive.noQuota')}</p>
      ) : (
        <>
          <meter
            className="archive-meter"
            min={0}
            max={100}
            low={80}
            high={95}
            optimum={0}
            value={percent}
            aria-labelledby="archive-space-title"
          />
          <p className="meta">
            {t('securityArchive.used', {
              used: formatSize(archive.usedBytes, i18n.language),
              quota: formatSize(archive.quotaBytes, i18n.language),
              count: archive.messages,
            })}
          </p>
        </>
      )}
      {archive.fullSince !== null && <Alert text={t('securityArchive.full')} />}
      {archive.enabledAt !== null && archive.enabled && (
        <p className="hint">
          {t('securityArchive.since', { date: formatFullDate(archive.enabledAt, i18n.language) })}
        </p>
      )}
      {archive.folder !== null && (
        <Link className="button" to={`/f/${String(archive.folder.id)}`}>
          {t('securityArchive.open')}
        </Link>
      )}
    </section>
  );
}

/** The form, mounted once the settings are loaded so that its state starts from them. */
function SettingsForm({ initial }: { initial: SecurityArchive }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [enabled, setEnabled] = useState(initial.enabled);
  const [kinds, setKinds] = useState<ArchiveKind[]>(initial.kinds);
  const [manualDeletion, setManualDeletion] = useState(initial.manualDeletion);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function save(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setNote(null);
    setError(null);
    void archiveApi
      .save({ enabled, kinds, manualDeletion })
      .then((saved) => {
        client.setQueryData(archiveKey, saved);
        setNote(t('securityArchive.saved'));
      })
      .catch((caught: unknown) => {
        setError(problemMessage(t, caught));
      });
  }

  const toggleKind = (kind: ArchiveKind, on: boolean) => {
    setKinds((current) => archiveKinds.filter((k) => (k === kind ? on : current.includes(k))));
  };
  return (
    <form className="narrow-form" onSubmit={save}>
      <label className="check">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(event) => {
            setEnabled(event.target.checked);
          }}
        />
        <span>{t('securityArchive.enabled')}</span>
      </label>
      <fieldset className="choice-group" disabled={!enabled}>
        <legend className="field-legend">{t('securityArchive.kinds')}</legend>
        {archiveKinds.map((kind) => (
          <label key={kind} className="choice">
            <input
              type="checkbox"
              checked={kinds.includes(kind)}
              onChange={(event) => {
                toggleKind(kind, event.target.checked);
              }}
            />
            <span>
              <strong>{t(`securityArchive.kind.${kind}`)}</strong>
              <span className="choice-hint">{t(`securityArchive.kindHint.${kind}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="choice">
        <input
          type="checkbox"
          checked={manualDeletion}
          onChange={(event) => {
            setManualDeletion(event.target.checked);
          }}
        />
        <span>
          <strong>{t('securityArchive.manualDeletion')}</strong>
          <span className="choice-hint">{t('securityArchive.manualDeletionHint')}</span>
        </span>
      </label>
      <Alert text={error} />
      <Alert text={note} kind="status" />
      <button type="submit" className="button primary">
        {t('securityArchive.save')}
      </button>
    </form>
  );
}

export function SecurityArchiveSettings() {
  const { t } = useTranslation();
  const archive = useSecurityArchive();
  return (
    <SettingsFrame id="archive-title" title={t('securityArchive.title')}>
      <section className="settings-section" aria-labelledby="archive-settings-title">
        <h2 id="archive-settings-title">{t('securityArchive.settings')}</h2>
        <p className="hint">{t('securityArchive.intro')}</p>
        {archive.isError && <Alert text={t('securityArchive.loadError')} />}
        {archive.data !== undefined && <SettingsForm initial={archive.data} />}
      </section>
      {archive.data !== undefined && <Usage archive={archive.data} />}
    </SettingsFrame>
  );
}
