// The keyboard shortcuts, built from the same table the handler uses.
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog.tsx';
import { isMessageShortcut, shortcuts } from './shortcuts.ts';

export function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('help.title')} closeLabel={t('help.dismiss')} onClose={onClose}>
      <p>{t('help.intro')}</p>
      <table className="shortcut-table">
        <tbody>
          {shortcuts.map((shortcut) => (
            <tr key={shortcut.action}>
              <th scope="row">
                {shortcut.keys.map((key) => (
                  // Shift+letter keys are shown as the keys pressed.
                  <kbd key={key}>{/^[A-Z]$/.test(key) ? `Shift+${key.toLowerCase()}` : key}</kbd>
                ))}
              </th>
              <td>
                {isMessageShortcut(shortcut.action)
                  ? t(`actions.shortcuts.${shortcut.action}`)
                  : t(`help.${shortcut.action}`)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
