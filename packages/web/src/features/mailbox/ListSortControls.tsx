// The list's order (a key and a direction, kept in the URL by the caller) and, outside the
// security archive, the switch that hides receipts.
import { useTranslation } from 'react-i18next';
import type { SortKey } from '../../api/contract.ts';
import { HideReceiptsToggle } from '../pec/HideReceiptsToggle.tsx';
import { sortKeys, sortLabels } from './mailbox-route.ts';

export function ListSortControls(props: {
  sort: SortKey;
  descending: boolean;
  onSort: (key: SortKey, descending: boolean) => void;
  /** Absent in the security archive, where receipts are always shown. */
  hideReceipts: { checked: boolean; onChange: (hide: boolean) => void } | null;
}) {
  const { t } = useTranslation();
  const { sort, descending, onSort, hideReceipts } = props;
  return (
    <div className="sort">
      <label htmlFor="sort-key" className="visually-hidden">
        {t('list.sortBy')}
      </label>
      <select
        id="sort-key"
        value={sort}
        onChange={(event) => {
          onSort(event.target.value as SortKey, descending);
        }}
      >
        {sortKeys.map((key) => (
          <option key={key} value={key}>
            {t('list.sortBy')}: {t(sortLabels[key])}
          </option>
        ))}
      </select>
      <label className="check compact">
        <input
          type="checkbox"
          checked={descending}
          onChange={(event) => {
            onSort(sort, event.target.checked);
          }}
        />
        <span>{t('list.descending')}</span>
      </label>
      {hideReceipts !== null && (
        <HideReceiptsToggle checked={hideReceipts.checked} onChange={hideReceipts.onChange} />
      )}
    </div>
  );
}
