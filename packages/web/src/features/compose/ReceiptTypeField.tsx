// "Receipt type": completa (the default), breve or sintetica (pec-spec §3.5), with a line saying what
// the delivery receipt will contain.
import { useTranslation } from 'react-i18next';
import type { ReceiptType } from '../../api/contract.ts';
import { receiptTypes } from './compose-form.ts';

export function ReceiptTypeField(props: {
  id: string;
  value: ReceiptType;
  onChange: (value: ReceiptType) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="compose-row receipt-row">
      <label className="cf-label" htmlFor={props.id}>
        {t('compose.receiptType')}
      </label>
      <select
        id={props.id}
        value={props.value}
        aria-describedby={`${props.id}-hint`}
        onChange={(event) => {
          const value = receiptTypes.find((r) => r === event.target.value);
          if (value !== undefined) props.onChange(value);
        }}
      >
        {receiptTypes.map((type) => (
          <option key={type} value={type}>
            {t(`compose.receipt.${type}`)}
          </option>
        ))}
      </select>
      <p id={`${props.id}-hint`} className="compose-hint">
        {t(`compose.receiptHint.${props.value}`)}
      </p>
    </div>
  );
}
