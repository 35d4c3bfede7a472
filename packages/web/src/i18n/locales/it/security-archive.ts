// Testi italiani dell'archivio di sicurezza (/settings/security-archive e la sua cartella); parte del catalogo it (../it.ts).
import type { Catalogue } from '../en.ts';

export const securityArchive: Catalogue['securityArchive'] = {
  title: 'Archivio di sicurezza',
  settings: 'Impostazioni dell’archivio',
  intro:
    'Una copia in sola lettura dei messaggi che scegli, fatta quando arrivano o vengono inviati. Resta anche se li elimini dalla casella e ha uno spazio tutto suo. Comprende solo la posta dal momento in cui lo attivi.',
  enabled: 'Conserva una copia nell’archivio di sicurezza',
  kinds: 'Cosa archiviare',
  kind: {
    acceptance: 'Ricevute di accettazione',
    delivery: 'Ricevute di consegna',
    received: 'Posta certificata ricevuta',
    sent: 'Messaggi inviati',
  },
  kindHint: {
    acceptance:
      'La prova che il tuo gestore ha accettato ogni PEC inviata (e le eventuali non accettazioni).',
    delivery: 'La prova che ogni PEC è arrivata al destinatario (e le eventuali mancate consegne).',
    received: 'Le PEC che ricevi, esattamente come consegnate, con la firma.',
    sent: 'La tua copia di ogni PEC che invii.',
  },
  manualDeletion: 'Consenti l’eliminazione dall’archivio',
  manualDeletionHint:
    'Disattivata in partenza, così nulla può essere tolto dall’archivio, nemmeno per errore. Se attiva, puoi eliminare definitivamente i messaggi archiviati, dopo una conferma.',
  save: 'Salva',
  saved: 'Impostazioni dell’archivio di sicurezza salvate.',
  loadError: 'Non è stato possibile caricare l’archivio di sicurezza. Riprova più tardi.',
  space: 'Spazio dell’archivio',
  noQuota:
    'Il tuo piano non comprende spazio d’archivio: nulla viene archiviato. Chiedi al gestore un piano con l’archivio.',
  used_one: '{{used}} usati su {{quota}} ({{count}} messaggio)',
  used_many: '{{used}} usati su {{quota}} ({{count}} messaggi)',
  used_other: '{{used}} usati su {{quota}} ({{count}} messaggi)',
  full: 'L’archivio è pieno: i nuovi messaggi arrivano nella casella ma non vengono archiviati.',
  since: 'Archiviazione attiva dal {{date}}.',
  open: 'Apri l’archivio',
  readOnly: 'Sola lettura',
  kindFilter: 'Mostra',
  allKinds: 'Tutti i tipi',
  settingsLink: 'Impostazioni dell’archivio',
  delete: 'Elimina dall’archivio',
  deleteForever: 'Elimina definitivamente',
  confirmDeleteTitle: 'Eliminare dall’archivio di sicurezza?',
  confirmDelete_one: 'Il messaggio archiviato sarà eliminato definitivamente e non potrà essere recuperato.',
  confirmDelete_many:
    'I {{count}} messaggi archiviati saranno eliminati definitivamente e non potranno essere recuperati.',
  confirmDelete_other:
    'I {{count}} messaggi archiviati saranno eliminati definitivamente e non potranno essere recuperati.',
};
