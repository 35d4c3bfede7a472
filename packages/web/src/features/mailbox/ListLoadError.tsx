// The list pane when the listing failed: why, and a retry.
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../ui/problem.ts';

export function ListLoadError(props: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="pane-note" role="alert">
      <p>
        <strong>{t('list.loadError')}</strong> {problemMessage(t, props.error)}
      </p>
      <button type="button" className="button" onClick={props.onRetry}>
        {t('list.retry')}
      </button>
    </div>
  );
}
