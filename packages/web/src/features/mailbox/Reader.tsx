// The reading pane: headers, what the message is in PEC terms, attachments and the body.
import { forwardRef, useEffect, useRef, type ReactNode } from 'react';
import { attachmentUrl } from '../../api/actions.ts';
import { useTranslation } from 'react-i18next';
import type { Address, Message } from '../../api/contract.ts';
import { useMessage } from '../../api/queries.ts';
import { formatFullDate, formatSize } from '../../i18n/format.ts';
import { BrandMark } from '../../ui/Brand.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { problemMessage } from '../../ui/problem.ts';
import { PecPanel } from '../pec/PecPanel.tsx';
import type { ReplyMode } from '../compose/compose-form.ts';
import { ReplyActions } from '../compose/ReplyActions.tsx';
import { HtmlBody } from './HtmlBody.tsx';

function addressText(address: Address): string {
  return address.name === '' ? address.address : `${address.name} <${address.address}>`;
}

export function EmptyReader() {
  const { t } = useTranslation();
  return (
    <div className="reader-empty">
      <BrandMark size={56} />
      <p className="reader-empty-title">{t('reader.empty')}</p>
      <p className="reader-empty-hint">{t('reader.emptyHint')}</p>
    </div>
  );
}

export function Reader(props: {
  folderId: string;
  uid: number;
  onBack: () => void;
  focusOnOpen: boolean;
  /** The message's actions in the toolbar (features/actions). */
  renderActions?: (message: Message | undefined) => ReactNode;
  onCompose?: (mode: ReplyMode, message: Message) => void;
  /** A notice above the message (e.g. the Spam folder's, features/actions/SpamNotice.tsx). */
  renderNotice?: (message: Message) => ReactNode;
}) {
  const { t } = useTranslation();
  const message = useMessage(props.folderId, props.uid);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const loaded = message.data?.uid;
  useEffect(() => {
    if (props.focusOnOpen && loaded !== undefined) headingRef.current?.focus();
  }, [loaded, props.focusOnOpen]);

  return (
    <article className="reader" aria-busy={message.isPending} aria-labelledby="reader-subject">
      <div className="reader-toolbar">
        <button type="button" className="button ghost back-button" onClick={props.onBack}>
          <Icon name="back" size={18} />
          {t('reader.back')}
        </button>
        {message.data !== undefined && props.onCompose !== undefined && (
          <ReplyActions message={message.data} onCompose={props.onCompose} />
        )}
        {props.renderActions?.(message.data)}
      </div>
      {message.isPending && (
        <div className="reader-loading">
          <h2 id="reader-subject" className="visually-hidden">
            {t('app.loading')}
          </h2>
          <span className="skeleton wide" aria-hidden="true" />
          <span className="skeleton" aria-hidden="true" />
          <span className="skeleton short" aria-hidden="true" />
        </div>
      )}
      {message.isError && (
        <div className="alert" role="alert">
          <strong id="reader-subject">{t('reader.loadError')}</strong>
          <span>{problemMessage(t, message.error)}</span>
        </div>
      )}
      {message.data !== undefined && (
        <MessageView ref={headingRef} message={message.data} notice={props.renderNotice?.(message.data)} />
      )}
    </article>
  );
}

const MessageView = forwardRef<HTMLHeadingElement, { message: Message; notice?: ReactNode }>(
  function MessageView({ message, notice }, ref) {
    const { t, i18n } = useTranslation();
    const locale = i18n.language;
    return (
      <>
        <header className="reader-head">
          <h2 id="reader-subject" ref={ref} tabIndex={-1}>
            {message.subject || t('list.noSubject')}
          </h2>
          <dl className="reader-fields">
            <dt>{t('reader.from')}</dt>
            <dd>{addressText(message.from)}</dd>
            <dt>{t('reader.to')}</dt>
            <dd>{message.to.map(addressText).join(', ')}</dd>
            {message.cc.length > 0 && (
              <>
                <dt>{t('reader.cc')}</dt>
                <dd>{message.cc.map(addressText).join(', ')}</dd>
              </>
            )}
            <dt>{t('reader.date')}</dt>
            <dd>
              <time dateTime={message.date}>{formatFullDate(message.date, locale)}</time>
            </dd>
          </dl>
        </header>
        {notice}
        <PecPanel message={message} />
        {message.attachments.length > 0 && (
          <section className="attachments" aria-labelledby="reader-attachments">
            <h3 id="reader-attachments">{t('reader.attachments')}</h3>
            <ul>
              {message.attachments.map((attachment) => (
                <li key={attachment.id}>
                  <Icon name="clip" size={16} />
                  <a
                    className="attachment-name"
                    href={attachmentUrl(message.folderId, message.uid, attachment.id)}
                    download={attachment.name}
                    title={t('actions.downloadAttachment', { name: attachment.name })}
                  >
                    {attachment.name}
                  </a>
                  <span className="attachment-size">{formatSize(attachment.size, locale)}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
        {message.html === null ? (
          <div className="text-body">{message.text}</div>
        ) : (
          <HtmlBody
            key={`${message.folderId}/${String(message.uid)}`}
            message={{ ...message, html: message.html }}
          />
        )}
      </>
    );
  },
);
