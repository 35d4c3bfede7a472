// A warning under the compose fields that does not stop sending (an address not in the PEC index,
// a message over the size limit), announced politely.
import type { ReactNode } from 'react';
import { Icon } from '../../ui/Icon.tsx';

export function ComposeWarning(props: { children: ReactNode }) {
  return (
    <p className="compose-warning" role="status">
      <Icon name="junk" size={16} />
      <span>{props.children}</span>
    </p>
  );
}
