// "Attach files": a file input and a drop zone; the list of files with their sizes and a remove
// button each, and the total against the message limit.
import { useId, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatSize } from '../../i18n/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import type { PendingAttachment } from './compose-form.ts';

export function AttachmentField(props: {
  attachments: PendingAttachment[];
  limitBytes: number | undefined;
  onAdd: (files: File[]) => void;
  onRemove: (key: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [over, setOver] = useState(false);
  const total = props.attachments.reduce((sum, a) => sum + a.size, 0);

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    // The sheet around takes drops too: one drop, one copy.
    event.preventDefault();
    event.stopPropagation();
    setOver(false);
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) props.onAdd(files);
  };

  return (
    <div className="attach-field">
      <div
        className="drop-zone"
        data-over={over}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => {
          setOver(false);
        }}
        onDrop={onDrop}
      >
        <Icon name="clip" size={18} />
        <span className="drop-text">{over ? t('compose.dropHere') : t('compose.dropZone')}</span>
        <label htmlFor={id} className="button attach-button">
          {t('compose.attach')}
        </label>
        <input
          id={id}
          className="visually-hidden"
          type="file"
          multiple
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            event.target.value = '';
            if (files.length > 0) props.onAdd(files);
          }}
        />
      </div>
      {props.attachments.length > 0 && (
        <>
          <ul className="attach-list" aria-label={t('compose.attachments')}>
            {props.attachments.map((attachment) => (
              <li key={attachment.key}>
                <Icon name="clip" size={16} />
                <span className="attachment-name">{attachment.name}</span>
                <span className="attachment-size">{formatSize(attachment.size, i18n.language)}</span>
                <button
                  type="button"
                  className="icon-button small"
                  title={t('compose.removeAttachment', { name: attachment.name })}
                  onClick={() => {
                    props.onRemove(attachment.key);
                  }}
                >
                  <Icon name="close" size={16} />
                  <span className="visually-hidden">
                    {t('compose.removeAttachment', { name: attachment.name })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <p className="attach-total">
            {props.limitBytes === undefined
              ? formatSize(total, i18n.language)
              : t('compose.totalSize', {
                  size: formatSize(total, i18n.language),
                  limit: formatSize(props.limitBytes, i18n.language),
                })}
          </p>
        </>
      )}
    </div>
  );
}
