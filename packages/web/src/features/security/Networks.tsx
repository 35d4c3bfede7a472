// The allow-list of sign-in networks: one CIDR block per line, the current address shown and
// addable in one click; the server refuses a list that would leave this very network out.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { json } from '../../api/client.ts';
import { Alert, useFailure } from './security-ui.tsx';

interface NetworkList {
  networks: string[];
  currentAddress: string;
}

const networksKey = ['security', 'networks'] as const;

export function Networks() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const failure = useFailure();
  const list = useQuery({
    queryKey: networksKey,
    queryFn: () => json<NetworkList>('GET', '/security/networks'),
  });
  // null until the holder edits: the stored list shows.
  const [edited, setEdited] = useState<string | null>(null);
  const text = edited ?? list.data?.networks.join('\n') ?? '';
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setDone(null);
    setBusy(true);
    const networks = text.split('\n').filter((line) => line.trim() !== '');
    json<NetworkList>('POST', '/security/networks', { networks })
      .then((saved) => {
        client.setQueryData(networksKey, saved);
        setEdited(null);
        setDone(saved.networks.length === 0 ? t('networks.cleared') : t('networks.saved'));
      })
      .catch((caught: unknown) => {
        setError(failure(caught, 'security.wrongPassword'));
      })
      .finally(() => {
        setBusy(false);
      });
  }

  const current = list.data?.currentAddress;
  return (
    <section className="settings-section" aria-labelledby="networks-title">
      <h2 id="networks-title">{t('networks.title')}</h2>
      <p className="hint">{t('networks.hint')}</p>
      {list.isError && <Alert text={t('security.loadError')} />}
      <form className="narrow-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="networks-list">{t('networks.label')}</label>
          <textarea
            id="networks-list"
            className="networks-list"
            rows={4}
            spellCheck={false}
            autoCapitalize="none"
            value={text}
            placeholder={t('networks.none')}
            aria-describedby="networks-hint"
            onChange={(event) => {
              setEdited(event.target.value);
            }}
          />
          <p id="networks-hint" className="hint">
            {t('networks.fieldHint')}
          </p>
        </div>
        {current !== undefined && (
          <p className="networks-current">
            <span>{t('networks.current', { address: current })}</span>
            <button
              type="button"
              className="button"
              onClick={() => {
                const lines = text.split('\n').filter((line) => line.trim() !== '');
                if (!lines.includes(current)) setEdited([...lines, current].join('\n'));
              }}
            >
              {t('networks.addCurrent')}
            </button>
          </p>
        )}
        <button type="submit" className="button primary" disabled={busy || list.isPending}>
          {t('networks.save')}
        </button>
      </form>
      <Alert text={error} />
      <Alert text={done} kind="status" />
    </section>
  );
}
