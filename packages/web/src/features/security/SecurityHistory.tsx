// The access history: every sign-in and failure on every protocol, newest first, paged.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessEntry } from '../../api/contract.ts';
import { formatFullDate } from '../../i18n/format.ts';
import { historyPageSize, useAccessHistory } from './security-api.ts';
import { Alert } from './security-ui.tsx';

const outcomeKeys = {
  success: 'security.outcomeSuccess',
  failure: 'security.outcomeFailure',
  throttled: 'security.outcomeThrottled',
  disabled: 'security.outcomeDisabled',
} as const;

function protocolName(t: (key: 'security.webmail') => string, protocol: AccessEntry['protocol']): string {
  return protocol === 'http' ? t('security.webmail') : protocol.toUpperCase();
}

export function History() {
  const { t, i18n } = useTranslation();
  const [offset, setOffset] = useState(0);
  const history = useAccessHistory(offset);
  const total = history.data?.total ?? 0;
  const entries = history.data?.entries ?? [];
  return (
    <section className="settings-section" aria-labelledby="history-title">
      <h2 id="history-title">{t('security.historyTitle')}</h2>
      <p className="hint">{t('security.historyHint')}</p>
      {history.isError && <Alert text={t('security.loadError')} />}
      {history.isSuccess && total === 0 && <p className="hint">{t('security.historyEmpty')}</p>}
      {entries.length > 0 && (
        <div className="table-wrap">
          <table className="history">
            <thead>
              <tr>
                <th scope="col">{t('security.when')}</th>
                <th scope="col">{t('security.protocol')}</th>
                <th scope="col">{t('security.address')}</th>
                <th scope="col">{t('security.client')}</th>
                <th scope="col">{t('security.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} data-outcome={entry.outcome}>
                  <td>{formatFullDate(entry.at, i18n.language)}</td>
                  <td>{protocolName(t, entry.protocol)}</td>
                  <td>{entry.remoteAddress}</td>
                  <td title={entry.clientId ?? undefined}>{entry.device ?? '—'}</td>
                  <td>
                    <span className={`tag ${entry.outcome === 'success' ? 'tag-ok' : 'tag-bad'}`}>
                      {entry.networkRefused === true ? t('networks.refused') : t(outcomeKeys[entry.outcome])}
                    </span>
                    {entry.newOrigin && <span className="tag tag-warn">{t('security.newOrigin')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > historyPageSize && (
        <div className="pager">
          <button
            type="button"
            className="button"
            disabled={offset === 0}
            onClick={() => {
              setOffset(Math.max(0, offset - historyPageSize));
            }}
          >
            {t('security.previous')}
          </button>
          <span>
            {t('security.pageOf', { from: offset + 1, to: Math.min(total, offset + historyPageSize), total })}
          </span>
          <button
            type="button"
            className="button"
            disabled={offset + historyPageSize >= total}
            onClick={() => {
              setOffset(offset + historyPageSize);
            }}
          >
            {t('security.next')}
          </button>
        </div>
      )}
    </section>
  );
}
