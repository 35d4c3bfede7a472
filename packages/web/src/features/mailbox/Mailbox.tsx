// The app shell: top bar, folders, message list and reader in one DOM laid out as 3/2/1 panes by CSS.
// The route picks the folder and the open message (/f/:folderId/m/:uid), so Back works.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { SortKey } from '../../api/contract.ts';
import { useFolders, useMessages, useResetSession, useSession } from '../../api/queries.ts';
import { formatCount } from '../../i18n/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { useHideReceipts } from '../pec/HideReceiptsToggle.tsx';
import { emptyForm } from '../compose/compose-form.ts';
import { Composer, type ComposeRequest } from '../compose/Composer.tsx';
import { openDraft } from '../compose/open-draft.ts';
import { useEditDraftRequest } from '../scheduled/use-edit-draft-request.ts';
import { useReplyForm } from '../compose/ReplyActions.tsx';
import { FolderList } from './FolderList.tsx';
import { folderName, sortFolders } from './folders.ts';
import { HelpDialog } from './HelpDialog.tsx';
import { MailboxTopBar } from './MailboxTopBar.tsx';
import { listLook, MessageList } from './MessageList.tsx';
import { usePaneLayout } from './use-pane-layout.ts';
import { forgetOfflineCopy, useOffline } from '../../lib/offline.ts';
import { usePreferences } from '../settings/preferences-api.tsx';
import { EmptyReader, Reader } from './Reader.tsx';
import { isMessageShortcut, shortcutFor } from './shortcuts.ts';
import { parseMailboxPath, parseSort } from './mailbox-route.ts';
import { ListLoadError } from './ListLoadError.tsx';
import { ListSortControls } from './ListSortControls.tsx';
import { ActionToolbar } from '../actions/ActionToolbar.tsx';
import { ManageFolders } from '../actions/FolderManager.tsx';
import { ReaderActions } from '../actions/ReaderActions.tsx';
import { SpamNotice } from '../actions/SpamNotice.tsx';
import { useMailboxActionsWiring } from '../actions/selection.ts';
import { useSecurityArchive } from '../security-archive/archive-api.ts';
import { ArchiveBar, archiveKindOf } from '../security-archive/ArchiveBar.tsx';
import { listKeyHandler } from './list-keys.ts';

export function Mailbox() {
  const { t, i18n } = useTranslation();
  const params = useParams();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const session = useSession();
  const folders = useFolders();
  const resetSession = useResetSession();

  const sorted = useMemo(() => sortFolders(folders.data?.folders ?? []), [folders.data]);
  const { folderId, openUid } = parseMailboxPath(params['*']);
  const q = search.get('q') ?? '';
  const { sort, descending } = parseSort(search.get('sort'));
  const folder = sorted.find((f) => f.id === folderId);

  const [hideReceipts, setHideReceipts] = useHideReceipts();
  // The security archive (decision 0035): read-only, listed by kind, receipts always shown.
  const inArchive = folder?.specialUse === 'security-archive';
  const archiveKind = inArchive ? archiveKindOf(search.get('kind')) : null;
  const archive = useSecurityArchive(inArchive);
  const archiveDeletable = archive.data?.manualDeletion === true;
  // The saved options (decision 0025) draw the list and the panes; defaults until they arrive.
  const prefs = usePreferences().data;
  const look = listLook(prefs);
  const layout = usePaneLayout(prefs?.readingPane ?? 'three');
  const messages = useMessages(
    folderId ?? '',
    sort,
    descending,
    q,
    hideReceipts && !inArchive,
    archiveKind,
    look.previewLines > 0,
  );
  const loaded = useMemo(() => messages.data?.pages.flatMap((page) => page.messages) ?? [], [messages.data]);
  const total = messages.data?.pages[0]?.total ?? 0;

  const [drawerOpen, setDrawerOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [compose, setCompose] = useState<ComposeRequest | null>(null);
  useEditDraftRequest(setCompose);
  const replyForm = useReplyForm();
  const offline = useOffline();
  const openCompose = () => {
    if (offline) return;
    setCompose((last) => ({ key: (last?.key ?? 0) + 1, form: emptyForm(), mode: 'new' }));
  };
  const [focusReader, setFocusReader] = useState(false);
  const listRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const suffix = search.toString() === '' ? '' : `?${search.toString()}`;

  // The list cursor belongs to one listing (folder, search, sort): a new listing starts at the open
  // message, else at the top.
  const listKey = `${folderId ?? ''}|${q}|${sort}|${String(descending)}|${String(hideReceipts)}|${archiveKind ?? ''}`;
  const [cursor, setCursor] = useState<{ key: string; index: number } | null>(null);
  const openIndex = openUid === null ? -1 : loaded.findIndex((m) => m.uid === openUid);
  const activeIndex = cursor !== null && cursor.key === listKey ? cursor.index : Math.max(0, openIndex);
  const setActiveIndex = (index: number) => {
    setCursor({ key: listKey, index });
  };

  const open = (index: number, moveFocus: boolean) => {
    const message = loaded[index];
    if (message === undefined || folderId === null) return;
    setActiveIndex(index);
    // A draft opens in compose, to go on writing it (saving replaces it, sending removes it).
    if (folder?.specialUse === 'drafts') {
      void openDraft(message.uid).then((request) => {
        setCompose((last) => ({ ...request, key: (last?.key ?? 0) + 1 }));
      });
      return;
    }
    setFocusReader(moveFocus);
    void navigate(`/f/${encodeURIComponent(folderId)}/m/${String(message.uid)}${suffix}`);
  };
  const closeReader = () => {
    if (folderId === null) return;
    void navigate(`/f/${encodeURIComponent(folderId)}${suffix}`);
    requestAnimationFrame(() => listRef.current?.focus());
  };
  // Mailbox actions (features/actions): ticked rows, the toolbar, shortcuts, live updates.
  const actions = useMailboxActionsWiring({
    listKey,
    loaded,
    folderId,
    folders: sorted,
    openUid,
    activeIndex,
    closeReader,
  });
  const move = (delta: number) => {
    const next = Math.max(0, Math.min(activeIndex + delta, loaded.length - 1));
    setActiveIndex(next);
    // With a message open, j/k read the next one (the focus stays where it is).
    if (openUid !== null) open(next, false);
    else listRef.current?.focus();
  };

  useEffect(() => {
    function onKey(event: globalThis.KeyboardEvent) {
      const action = shortcutFor(event);
      if (action === null) return;
      if (action === 'close' && drawerOpen) setDrawerOpen(false);
      else if (action === 'close' && openUid === null && actions.selection.selected.size > 0)
        actions.selection.clear();
      else if (isMessageShortcut(action)) {
        if (!actions.onShortcut(action)) return;
      } else if (action === 'next') move(1);
      else if (action === 'previous') move(-1);
      else if (action === 'open') open(activeIndex, true);
      else if (action === 'close' && openUid !== null) closeReader();
      else if (action === 'compose') openCompose();
      else if (action === 'search') searchRef.current?.focus();
      else if (action === 'help') setHelpOpen(true);
      else return;
      event.preventDefault();
    }
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
    };
  });

  // Built at key time: the handlers read the list's ref, which render must not.
  const onListKey = (event: KeyboardEvent<HTMLDivElement>) => {
    listKeyHandler({
      move,
      setActiveIndex,
      openActive: () => {
        open(activeIndex, true);
      },
      count: loaded.length,
    })(event);
  };

  if (folderId === null) {
    const inbox = sorted.find((f) => f.specialUse === 'inbox') ?? sorted[0];
    return inbox === undefined ? (
      <div className="page-note">{t('app.loading')}</div>
    ) : (
      <Navigate to={`/f/${encodeURIComponent(inbox.id)}`} replace />
    );
  }

  const label = folder === undefined ? '' : folderName(t, folder);

  async function signOut() {
    try {
      await api.signOut();
    } finally {
      await forgetOfflineCopy();
      await resetSession();
      await navigate('/signin', { replace: true });
    }
  }

  function submitSearch(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('q');
    const next = new URLSearchParams(search);
    if (typeof value === 'string' && value.trim() !== '') next.set('q', value.trim());
    else next.delete('q');
    setSearch(next);
  }

  function setSort(key: SortKey, desc: boolean) {
    const next = new URLSearchParams(search);
    next.set('sort', `${desc ? '-' : ''}${key}`);
    setSearch(next);
  }

  return (
    <div
      className="app"
      data-layout={layout}
      data-pane={openUid === null ? 'list' : 'reader'}
      data-drawer={drawerOpen ? 'open' : 'closed'}
    >
      <a className="skip-link" href="#message-list">
        {t('shell.skipToList')}
      </a>
      <MailboxTopBar
        drawerOpen={drawerOpen}
        onToggleDrawer={() => {
          setDrawerOpen(!drawerOpen);
        }}
        onCompose={openCompose}
        onHelp={() => {
          setHelpOpen(true);
        }}
        address={session.data?.address}
        onSignOut={() => void signOut()}
        offline={offline}
      />
      {offline && (
        <p className="offline-banner" role="status">
          {t('shell.offline')}
        </p>
      )}
      <div className="workspace">
        <nav id="folder-nav" className="folders" aria-label={t('shell.folders')}>
          {session.data !== undefined && (
            <p className="account" title={session.data.address}>
              <span className="account-name">{session.data.displayName}</span>
              <span className="account-address">{session.data.address}</span>
            </p>
          )}
          {/* On a phone the app bar has no room for Home: it heads the folders drawer. */}
          <Link to="/home" className="drawer-home-link">
            <Icon name="gauge" size={18} />
            <span>{t('dashboard.open')}</span>
          </Link>
          <FolderList
            folders={folders.data === undefined ? undefined : sorted}
            error={folders.error}
            onNavigate={() => {
              setDrawerOpen(false);
            }}
          />
          <ManageFolders folders={sorted} currentFolderId={folderId} notify={actions.controller.notify} />
        </nav>
        <button
          type="button"
          className="scrim"
          tabIndex={-1}
          aria-hidden="true"
          onClick={() => {
            setDrawerOpen(false);
          }}
        />
        <main className="panes">
          <section className="list-pane" aria-labelledby="list-heading">
            <div className="list-head">
              <div className="list-title">
                <h1 id="list-heading">{label}</h1>
                {messages.data !== undefined && (
                  <span className="list-count">
                    {t('list.count', { count: total, formattedCount: formatCount(total, i18n.language) })}
                  </span>
                )}
              </div>
              <form role="search" className="search" onSubmit={submitSearch}>
                <Icon name="search" size={16} />
                <input
                  ref={searchRef}
                  key={q}
                  type="search"
                  name="q"
                  defaultValue={q}
                  aria-label={t('shell.search')}
                  placeholder={t('shell.search')}
                />
              </form>
              <ListSortControls
                sort={sort}
                descending={descending}
                onSort={setSort}
                hideReceipts={inArchive ? null : { checked: hideReceipts, onChange: setHideReceipts }}
              />
              {inArchive && (
                <ArchiveBar
                  kind={archiveKind}
                  onKind={(kind) => {
                    const next = new URLSearchParams(search);
                    if (kind === null) next.delete('kind');
                    else next.set('kind', kind);
                    setSearch(next, { replace: true });
                  }}
                />
              )}
              <ActionToolbar
                folder={folder}
                loadedCount={loaded.length}
                actions={actions}
                archiveDeletable={archiveDeletable}
              />
            </div>
            {messages.isError ? (
              <ListLoadError error={messages.error} onRetry={() => void messages.refetch()} />
            ) : messages.data !== undefined && total === 0 ? (
              <p className="pane-note">{q === '' ? t('list.empty') : t('list.emptySearch', { q })}</p>
            ) : (
              <MessageList
                key={`${listKey}|${look.density}|${String(look.previewLines)}`}
                look={look}
                label={t('list.label', { folder: label })}
                total={messages.data === undefined ? 0 : total}
                messages={loaded}
                activeIndex={activeIndex}
                openUid={openUid}
                hasMore={messages.hasNextPage}
                loadingMore={messages.isFetchingNextPage}
                onLoadMore={() => void messages.fetchNextPage({ cancelRefetch: false })}
                onActivate={setActiveIndex}
                onOpen={(index) => {
                  open(index, true);
                }}
                onKeyDown={onListKey}
                listRef={listRef}
                selected={actions.selection.selected}
                onToggleSelect={actions.selection.toggle}
              />
            )}
          </section>
          <section className="reader-pane" aria-label={t('reader.pane')}>
            {openUid === null ? (
              <EmptyReader />
            ) : (
              <Reader
                folderId={folderId}
                uid={openUid}
                focusOnOpen={focusReader}
                onBack={closeReader}
                renderActions={(message) => (
                  <ReaderActions
                    folderId={folderId}
                    message={message}
                    controller={actions.controller}
                    {...(inArchive ? { archive: { deletable: archiveDeletable } } : {})}
                  />
                )}
                renderNotice={(message) =>
                  folder?.specialUse === 'junk' ? (
                    <SpamNotice
                      message={message}
                      onNotSpam={() => {
                        actions.controller.notSpam({ folderId, uids: [message.uid] });
                      }}
                    />
                  ) : null
                }
                onCompose={(mode, message) => {
                  const kind = mode === 'forward' || mode === 'forwardAttachment' ? 'forward' : 'reply';
                  void replyForm(message, mode).then((form) => {
                    setCompose((last) => ({ key: (last?.key ?? 0) + 1, form, mode: kind }));
                  });
                }}
              />
            )}
          </section>
        </main>
      </div>
      <HelpDialog
        open={helpOpen}
        onClose={() => {
          setHelpOpen(false);
        }}
      />
      <Composer request={compose} />
      {actions.controller.overlays}
    </div>
  );
}
