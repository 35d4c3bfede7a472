// The virtualised message list: a listbox with aria-activedescendant, fixed-height rows, skeletons
// for rows not loaded yet, the next page fetched as the end of what is loaded comes near. The rows
// follow the holder's options: comfortable or compact, with 0 to 2 lines of the text's start.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageSummary } from '../../api/contract.ts';
import { formatListDate, formatSize } from '../../i18n/format.ts';
import { Icon } from '../../ui/Icon.tsx';

const prefetchRows = 60;

/** How rows are drawn: the holder's density and preview lines (Options, decision 0025). */
export interface ListLook {
  density: 'comfortable' | 'compact';
  previewLines: number;
}

export function listLook(
  prefs: { density: ListLook['density']; previewLines: number } | undefined,
): ListLook {
  return {
    density: prefs?.density ?? 'comfortable',
    previewLines: Math.max(0, Math.min(2, prefs?.previewLines ?? 0)),
  };
}

/** Each row's fixed height in pixels; mailbox.css draws the same lines (--row-preview-line). */
export function rowHeight(look: ListLook): number {
  return look.density === 'compact' ? 52 + 18 * look.previewLines : 76 + 19 * look.previewLines;
}

export interface MessageListProps {
  label: string;
  look: ListLook;
  total: number;
  messages: readonly MessageSummary[];
  activeIndex: number;
  openUid: number | null;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  onActivate: (index: number) => void;
  onOpen: (index: number) => void;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
  listRef: React.RefObject<HTMLDivElement | null>;
  /** UIDs ticked for the toolbar's actions (features/actions). */
  selected?: ReadonlySet<number>;
  /** Tick or untick a row; `range`: from the last ticked row (shift-click). */
  onToggleSelect?: (index: number, range: boolean) => void;
}

export function rowId(index: number): string {
  return `message-row-${String(index)}`;
}

export function MessageList(props: MessageListProps) {
  const { t, i18n } = useTranslation();
  const { total, messages, activeIndex, openUid, hasMore, loadingMore, onLoadMore, listRef } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const height = rowHeight(props.look);
  // No React Compiler here; TanStack Virtual re-renders on scroll by design.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => height,
    overscan: 15,
    getItemKey: (index) => messages[index]?.uid ?? `pending-${String(index)}`,
  });
  const items = virtualizer.getVirtualItems();
  const lastVisible = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (hasMore && !loadingMore && lastVisible >= messages.length - prefetchRows) onLoadMore();
  }, [hasMore, loadingMore, lastVisible, messages.length, onLoadMore]);

  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, virtualizer]);

  const compact = props.look.density === 'compact';
  const activeRendered = items.some((item) => item.index === activeIndex);
  return (
    <div ref={scrollRef} className="list-scroll">
      <div
        ref={listRef}
        id="message-list"
        role="listbox"
        tabIndex={0}
        aria-label={props.label}
        aria-activedescendant={activeRendered ? rowId(activeIndex) : undefined}
        aria-multiselectable={props.onToggleSelect === undefined ? undefined : true}
        className="message-list"
        data-density={props.look.density}
        data-preview-lines={props.look.previewLines}
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={props.onKeyDown}
      >
        {items.map((item) => {
          const message = messages[item.index];
          const common = {
            id: rowId(item.index),
            role: 'option',
            'aria-setsize': total,
            'aria-posinset': item.index + 1,
            'data-index': item.index,
            style: { transform: `translateY(${String(item.start)}px)`, height },
          } as const;
          if (message === undefined) {
            return (
              <div key={item.key} {...common} aria-selected={false} className="row row-pending">
                <span className="visually-hidden">{t('list.loadingRow')}</span>
                <span className="skeleton" aria-hidden="true" />
                <span className="skeleton short" aria-hidden="true" />
              </div>
            );
          }
          const unread = !message.flags.includes('seen');
          const badge = (
            <span className={`badge badge-${message.pecType}`}>{t(`pecType.${message.pecType}`)}</span>
          );
          const ticked = props.selected?.has(message.uid) ?? false;
          const classes = ['row'];
          if (unread) classes.push('unread');
          if (item.index === activeIndex) classes.push('active');
          if (message.uid === openUid) classes.push('open');
          if (ticked) classes.push('ticked');
          return (
            <div
              key={item.key}
              {...common}
              aria-selected={props.onToggleSelect === undefined ? message.uid === openUid : ticked}
              aria-current={message.uid === openUid ? 'true' : undefined}
              className={classes.join(' ')}
              onClick={(event) => {
                // Shift-click ticks a range, Ctrl/Cmd-click one row; a plain click opens.
                if (props.onToggleSelect !== undefined && (event.shiftKey || event.ctrlKey || event.metaKey))
                  props.onToggleSelect(item.index, event.shiftKey);
                else props.onOpen(item.index);
              }}
              onMouseDown={() => {
                props.onActivate(item.index);
              }}
            >
              {props.onToggleSelect !== undefined && (
                <span
                  className={ticked ? 'row-check checked' : 'row-check'}
                  aria-hidden="true"
                  title={t('actions.select')}
                  onClick={(event) => {
                    event.stopPropagation();
                    props.onToggleSelect?.(item.index, event.shiftKey);
                  }}
                >
                  {ticked && <Icon name="check" size={14} />}
                </span>
              )}
              <span className="row-line">
                {unread && (
                  <span className="unread-dot" title={t('list.unread')}>
                    <span className="visually-hidden">{t('list.unread')}</span>
                  </span>
                )}
                <span className="row-from">{message.from.name || message.from.address}</span>
                <time className="row-date" dateTime={message.date}>
                  {formatListDate(message.date, i18n.language)}
                </time>
              </span>
              <span className="row-line">
                <span className="row-subject">{message.subject || t('list.noSubject')}</span>
                {message.flags.includes('flagged') && (
                  <span className="row-flag" title={t('list.flagged')}>
                    <Icon name="flag" size={15} />
                    <span className="visually-hidden">{t('list.flagged')}</span>
                  </span>
                )}
                {message.hasAttachments && (
                  <span className="row-clip" title={t('list.attachment')}>
                    <Icon name="clip" size={15} />
                    <span className="visually-hidden">{t('list.attachment')}</span>
                  </span>
                )}
                {compact && badge}
              </span>
              {!compact && (
                <span className="row-line row-meta">
                  {badge}
                  <span className="row-size">{formatSize(message.size, i18n.language)}</span>
                </span>
              )}
              {props.look.previewLines > 0 && <span className="row-preview">{message.preview ?? ''}</span>}
            </div>
          );
        })}
      </div>
    </div>
  );
}
