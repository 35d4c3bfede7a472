// A box's space: used of quota in words, with a bar (hidden from assistive technology: the words say it).
import { useTranslation } from 'react-i18next';
import { formatSize } from '../../i18n/format.ts';
import type { BoxSummary } from './panel-api.ts';

export function Usage({ box }: { box: Pick<BoxSummary, 'usedBytes' | 'quotaBytes'> }) {
  const { t, i18n } = useTranslation();
  const percent = box.quotaBytes > 0 ? Math.min(100, (box.usedBytes * 100) / box.quotaBytes) : 0;
  return (
    <span className="admin-usage">
      <span>
        {t('admin.panel.usage', {
          used: formatSize(box.usedBytes, i18n.language),
          quota: formatSize(box.quotaBytes, i18n.language),
        })}
      </span>
      <span className="admin-usage-bar" aria-hidden="true">
        <span style={{ width: `${percent.toFixed(1)}%` }} />
      </span>
    </span>
  );
}
