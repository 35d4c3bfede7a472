// The home screen (/home): unread PEC, sent PEC still waiting for delivery receipts, delivery
// problems of the last days, the space used with the plan and its expiry (Super Ricezione once
// expired), and the latest sign-ins. Each item leads to the list it sums up.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Folder } from '../../api/contract.ts';
import { useFolders } from '../../api/queries.ts';
import { formatFullDate, formatSize } from '../../i18n/format.ts';
import { useAccountPlan, useDashboard, useRecentSignIns, type DashboardMessage } from './dashboard-api.ts';
import './dashboard.css';
import { BackTopBar } from '../../ui/BackTopBar.tsx';

function Card(props: {
  id: string;
  title: string;
  children: ReactNode;
  link?: { to: string; label: string };
}) {
  return (
    <section className="dash-card" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
      {props.link !== undefined && (
        <Link className="dash-more" to={props.link.to}>
          {props.link.label}
        </Link>
      )}
    </section>
  );
}

const folderPath = (folder: Folder | undefined, q?: string) =>
  folder === undefined ? '/' : `/f/${folder.id}${q === undefined ? '' : `?q=${encodeURIComponent(q)}`}`;

function SentList(props: { messages: DashboardMessage[]; sent: Folder | undefined; empty: string }) {
  const { t, i18n } = useTranslation();
  if (props.messages.length === 0) return <p className="dash-empty">{props.empty}</p>;
  return (
    <ul className="dash-list">
      {props.messages.map((m) => (
        <li key={m.identifier}>
          <Link to={folderPath(props.sent, m.identifier)}>{m.subject ?? t('dashboard.noSubject')}</Link>
          <span className="meta">
            {formatFullDate(m.acceptedAt, i18n.language)} ·{' '}
            {m.recipients
              .map((r) => `${r.address} (${t(`dashboard.status.${r.status as 'error'}`)})`)
              .join(', ')}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function Dashboard() {
  const { t, i18n } = useTranslation();
  const folders = useFolders();
  const summary = useDashboard();
  const plan = useAccountPlan();
  const signIns = useRecentSignIns();
  const list = folders.data?.folders ?? [];
  const inbox = list.find((f) => f.specialUse === 'inbox');
  const sent = list.find((f) => f.specialUse === 'sent');
  const p = plan.data;
  const percent = p === undefined || p.quotaBytes === 0 ? 0 : Math.round((p.usedBytes / p.quotaBytes) * 100);
  return (
    <div className="settings-page dash-page">
      <BackTopBar backLabel={t('security.back')} />
      <main className="dash-main" aria-labelledby="dash-title">
        <h1 id="dash-title">{t('dashboard.title')}</h1>
        <div className="dash-grid">
          <Card
            id="dash-unread"
            title={t('dashboard.unread')}
            link={{ to: folderPath(inbox), label: t('dashboard.openInbox') }}
          >
            <p className="dash-number">{inbox?.unread ?? '—'}</p>
            <p className="meta">{t('dashboard.unreadHint', { count: inbox?.total ?? 0 })}</p>
          </Card>
          <Card
            id="dash-awaiting"
            title={t('dashboard.awaiting')}
            link={{ to: folderPath(sent), label: t('dashboard.openSent') }}
          >
            <p className="dash-number">{summary.data?.awaiting.count ?? '—'}</p>
            <p className="meta">
              {t('dashboard.awaitingHint', { count: summary.data?.awaitingAfterHours ?? 24 })}
            </p>
            <SentList
              messages={summary.data?.awaiting.messages ?? []}
              sent={sent}
              empty={t('dashboard.awaitingNone')}
            />
          </Card>
          <Card id="dash-problems" title={t('dashboard.problems')}>
            <p className={summary.data?.problems.count ? 'dash-number dash-alert' : 'dash-number'}>
              {summary.data?.problems.count ?? '—'}
            </p>
            <p className="meta">{t('dashboard.problemsHint', { count: summary.data?.problemDays ?? 30 })}</p>
            <SentList
              messages={summary.data?.problems.messages ?? []}
              sent={sent}
              empty={t('dashboard.problemsNone')}
            />
          </Card>
          <Card
            id="dash-space"
            title={t('dashboard.space')}
            link={{ to: '/settings/plan', label: t('dashboard.openPlan') }}
          >
            {p !== undefined && (
              <>
                <p className="dash-number">{percent}%</p>
                <meter
                  className="dash-meter"
                  min={0}
                  max={100}
                  low={80}
                  high={90}
                  optimum={0}
                  value={percent}
                  aria-labelledby="dash-space"
                />
                <p className="meta">
                  {t('dashboard.spaceUsed', {
                    used: formatSize(p.usedBytes, i18n.language),
                    quota: formatSize(p.quotaBytes, i18n.language),
                  })}
                </p>
                <p>
                  {p.state === 'active'
                    ? p.expiresAt === null
                      ? t('dashboard.noExpiry')
                      : t('dashboard.expires', { date: formatFullDate(p.expiresAt, i18n.language) })
                    : p.state === 'expired'
                      ? t('dashboard.superReception', {
                          date:
                            p.deactivatesAt === null ? '—' : formatFullDate(p.deactivatesAt, i18n.language),
                        })
                      : t('dashboard.deactivated')}
                </p>
              </>
            )}
          </Card>
          <Card
            id="dash-signins"
            title={t('dashboard.signIns')}
            link={{ to: '/settings/security', label: t('dashboard.openSecurity') }}
          >
            <ul className="dash-list">
              {(signIns.data?.entries ?? []).map((entry) => (
                <li key={entry.id}>
                  <span>
                    {formatFullDate(entry.at, i18n.language)} · {entry.protocol.toUpperCase()}
                    {entry.outcome !== 'success' && (
                      <strong className="dash-alert"> · {t('dashboard.failed')}</strong>
                    )}
                    {entry.newOrigin && <span className="tag"> {t('dashboard.newOrigin')}</span>}
                  </span>
                  <span className="meta">
                    {entry.remoteAddress}
                    {entry.device === null ? '' : ` · ${entry.device}`}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        </div>
      </main>
    </div>
  );
}
