// Testi italiani degli avvisi e-mail di nuove PEC (/settings/notices); parte del catalogo it (../it.ts).
import type { Catalogue } from '../en.ts';

export const notices: Catalogue['notices'] = {
  title: 'Avvisi',
  back: 'Torna alla posta',
  emailTitle: 'Avvisi e-mail di nuove PEC',
  emailHint:
    'Ogni nuova PEC è annunciata con una breve e-mail ordinaria a questi indirizzi: solo mittente, oggetto e ora, mai il contenuto. Al massimo {{count}} indirizzi; ciascuno riceve gli avvisi solo dopo la verifica.',
  capHint:
    'Oltre un certo numero di avvisi in un’ora, le altre PEC di quell’ora sono riassunte in un unico avviso.',
  none: 'Nessun indirizzo per gli avvisi.',
  addLabel: 'Nuovo indirizzo',
  add: 'Aggiungi e invia un codice',
  added:
    'Abbiamo inviato un codice di sei cifre a {{address}}. Scrivilo qui sotto per verificare l’indirizzo.',
  verified: 'Verificato',
  pending: 'In attesa del codice',
  codeLabel: 'Codice per {{address}}',
  verify: 'Verifica',
  resend: 'Invia un nuovo codice',
  remove: 'Rimuovi',
  removeNamed: 'Rimuovi {{address}}',
  verifiedDone: '{{address}} è verificato e riceverà un avviso per ogni nuova PEC.',
  removedDone: '{{address}} è stato rimosso.',
  full: 'Hai raggiunto il numero massimo di indirizzi.',
  loadError: 'Non è stato possibile caricare le impostazioni degli avvisi. Riprova più tardi.',
};
