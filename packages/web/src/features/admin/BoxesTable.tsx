// What the two box lists found: how many, "no boxes", or their table: address and holder (leading
// to the box's card), status, plan, space, expiry, and the last sign-in where the list shows it.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatFullDate } from '../../i18n/format.ts';
import { AdminTable, type AdminColumn } from './AdminTable.tsx';
import type { BoxSummary } from './panel-api.ts';
import { Usage } from './Usage.tsx';

type BoxRow = Omit<BoxSummary, 'status'> & { readonly status: string };

export function BoxesTable(props: {
  /** False until the first page has come. */
  loaded: boolean;
  total: number;
  boxes: readonly BoxRow[];
  /** Where a box's address leads: its card. */
  cardPath: (address: string) => string;
  withLastSignIn?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const columns: AdminColumn<BoxRow>[] = [
    {
      label: t('admin.panel.box'),
      className: 'admin-cell-wrap',
      cell: (box) => (
        <>
          <Link to={props.cardPath(box.address)}>{box.address}</Link>
          <span className="admin-cell-sub">{box.holderName}</span>
        </>
      ),
    },
    {
      label: t('admin.panel.status'),
      cell: (box) => (
        <span className={`tag tag-${box.status}`}>
          {t(`admin.panel.statuses.${box.status}`, { defaultValue: box.status })}
        </span>
      ),
    },
    { label: t('admin.panel.plan'), cell: (box) => box.plan ?? '—' },
    { label: t('admin.panel.space'), cell: (box) => <Usage box={box} /> },
    {
      label: t('admin.panel.expires'),
      cell: (box) =>
        box.expiresAt === null ? t('admin.panel.never') : formatFullDate(box.expiresAt, i18n.language),
    },
  ];
  if (props.withLastSignIn === true)
    columns.push({
      label: t('admin.panel.lastSignIn'),
      cell: (box) =>
        box.lastLoginAt === null
          ? t('admin.panel.neverSignedIn')
          : formatFullDate(box.lastLoginAt, i18n.language),
    });
  return (
    <>
      {props.loaded && (
        <p className="hint" role="status">
          {t('admin.panel.found', { count: props.total })}
        </p>
      )}
      {props.loaded && props.boxes.length === 0 && <p className="admin-empty">{t('admin.panel.noBoxes')}</p>}
      {props.boxes.length > 0 && (
        <AdminTable columns={columns} rows={props.boxes} rowKey={(box) => box.address} />
      )}
    </>
  );
}
