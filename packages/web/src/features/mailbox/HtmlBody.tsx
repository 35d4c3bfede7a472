// An HTML body in a sandboxed frame (no scripts, no same-origin). From the provider it is its own
// document at its own URL with its own Content-Security-Policy (sanitised there by DOMPurify;
// remote images load only after "Show remote content", for this message); the dev mock's bodies,
// which have no such URL, are sanitised here and given as srcdoc.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../api/contract.ts';
import { sanitizedMailDocument } from '../../lib/sanitize.ts';
import { effectiveDark, savedTheme } from '../../theme/theme.ts';
import { Icon } from '../../ui/Icon.tsx';

export function HtmlBody({ message }: { message: Message & { html: string } }) {
  const { t } = useTranslation();
  const dark = effectiveDark(savedTheme());
  // Per message: the reader keeps this component's state only while the same message is open.
  const [remote, setRemote] = useState(false);
  const url = message.htmlUrl;
  const source =
    url === undefined || url === null
      ? undefined
      : `${url}?${new URLSearchParams({ remote: remote ? '1' : '0', theme: dark ? 'dark' : 'light' }).toString()}`;
  return (
    <>
      {message.remoteContent === true && source !== undefined && !remote && (
        <p className="remote-note" role="note">
          <Icon name="eye" size={16} />
          <span>{t('reader.remoteBlocked')}</span>
          <button
            type="button"
            className="button ghost"
            onClick={() => {
              setRemote(true);
            }}
          >
            {t('reader.showRemote')}
          </button>
        </p>
      )}
      <iframe
        className="html-body"
        title={t('reader.htmlFrame')}
        sandbox=""
        referrerPolicy="no-referrer"
        {...(source === undefined ? { srcDoc: sanitizedMailDocument(message.html, dark) } : { src: source })}
      />
    </>
  );
}
