// What an import left out, one line an item (the caller says which and why); nothing when none.
import type { ReactNode } from 'react';

export function ImportRejections(props: { id: string; title: string; children: ReactNode[] }) {
  if (props.children.length === 0) return null;
  return (
    <section className="settings-section" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <ul className="contacts-rejected">{props.children}</ul>
    </section>
  );
}
