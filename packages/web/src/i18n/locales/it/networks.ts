// Testi italiani delle reti consentite (schermata Sicurezza); parte del catalogo it (../it.ts).
import type { Catalogue } from '../en.ts';

export const networks: Catalogue['networks'] = {
  title: 'Reti consentite',
  hint: 'Gli accessi alla casella, dalla webmail e dai programmi di posta, sono accettati solo da queste reti. Lascia l’elenco vuoto per consentire qualsiasi rete.',
  label: 'Reti, una per riga',
  fieldHint: 'Un indirizzo (203.0.113.7) o un blocco (203.0.113.0/24, 2001:db8::/48).',
  current: 'Sei collegato da {{address}}.',
  addCurrent: 'Aggiungi il mio indirizzo attuale',
  save: 'Salva l’elenco',
  saved: 'Salvato. Gli accessi da altre reti vengono rifiutati.',
  cleared: 'Salvato. Qualsiasi rete può accedere.',
  none: 'Qualsiasi rete può accedere.',
  refused: 'Rifiutato: rete non consentita',
};
