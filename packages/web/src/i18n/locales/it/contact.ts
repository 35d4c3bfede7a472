// Testi italiani della schermata Recapiti (/settings/contact); parte del catalogo it (../it.ts).
import type { Catalogue } from '../en.ts';

export const contact: Catalogue['contact'] = {
  title: 'Recapiti',
  intro:
    'Dove il gestore ti scrive su questa casella: scadenza, sicurezza e avvisi di servizio. Un nuovo recapito vale solo dopo che hai scritto il codice inviato a esso, e il recapito precedente viene avvisato del cambio.',
  emailTitle: 'E-mail di contatto',
  emailHint: 'Un indirizzo e-mail ordinario, per gli avvisi di servizio e per reimpostare la password.',
  mobileTitle: 'Numero di cellulare',
  mobileHint: 'Per codici e avvisi via SMS.',
  current: 'Attuale:',
  noneOnFile: 'nessuno',
  newValue: 'Nuovo:',
  waiting: 'In attesa del codice',
  pendingEmailHint:
    'L’indirizzo attuale resta valido finché non scrivi il codice inviato per e-mail al nuovo indirizzo.',
  pendingMobileHint:
    'Il numero attuale resta valido finché non scrivi il codice inviato via SMS al nuovo numero.',
  codeLabel: 'Codice inviato a {{value}}',
  confirm: 'Conferma',
  resend: 'Invia un nuovo codice',
  cancel: 'Annulla il cambio',
  newEmail: 'Nuova e-mail di contatto',
  newMobile: 'Nuovo numero di cellulare',
  mobileFormat: 'In formato internazionale, per esempio +39 333 123 4567.',
  sendEmailCode: 'Invia un codice per e-mail',
  sendSmsCode: 'Invia un codice via SMS',
  codeSentEmail: 'Abbiamo inviato un codice di sei cifre a {{value}}. Scrivilo qui per confermare il cambio.',
  codeSentSms:
    'Abbiamo inviato via SMS un codice di sei cifre a {{value}}. Scrivilo qui per confermare il cambio.',
  changed: '{{value}} è ora il tuo recapito. Abbiamo avvisato il recapito precedente del cambio.',
  cancelled: 'Il cambio è stato annullato; il recapito resta quello di prima.',
  emailRequired: 'Scrivi il nuovo indirizzo e-mail.',
  mobileRequired: 'Scrivi il nuovo numero di cellulare.',
  codeRequired: 'Scrivi il codice di sei cifre.',
  loadError: 'Non è stato possibile caricare i recapiti. Riprova più tardi.',
};
