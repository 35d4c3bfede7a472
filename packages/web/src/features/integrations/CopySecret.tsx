// A secret shown this once (an API token, a webhook signing secret) with a copy button; when the
// clipboard is refused the holder is told to select it instead.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function CopySecret(props: { title: string; secret: string; hint: string; testId: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  return (
    <div className="secret-box" role="status">
      <h3>{props.title}</h3>
      <p className="copy-secret">
        <code className="secret" data-testid={props.testId}>
          {props.secret}
        </code>
        <button
          type="button"
          className="button"
          onClick={() => {
            navigator.clipboard.writeText(props.secret).then(
              () => {
                setCopied('yes');
              },
              () => {
                setCopied('no');
              },
            );
          }}
        >
          {t('integrations.copy')}
        </button>
      </p>
      {copied !== null && (
        <p className="hint">{copied === 'yes' ? t('integrations.copied') : t('integrations.copyFailed')}</p>
      )}
      <p className="hint">{props.hint}</p>
    </div>
  );
}
