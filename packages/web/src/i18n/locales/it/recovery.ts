// Testi italiani del recupero password (/recover, /recover/<token>); parte del catalogo it (../it.ts).
import type { Catalogue } from '../en.ts';

export const recovery: Catalogue['recovery'] = {
  title: 'Recupera la password',
  subtitle:
    'Inserisci l’indirizzo PEC e il codice fiscale del titolare. Ti mandiamo un link all’e-mail di contatto registrata.',
  address: 'Indirizzo PEC',
  taxCode: 'Codice fiscale del titolare',
  taxCodeHint:
    'Codice fiscale (16 caratteri) o partita IVA (11 cifre), come indicato all’attivazione della casella.',
  addressRequired: 'Inserisci l’indirizzo PEC.',
  addressInvalid: 'Inserisci l’indirizzo completo, ad esempio nome@pec.esempio.it.',
  taxCodeRequired: 'Inserisci il codice fiscale del titolare.',
  taxCodeInvalid: 'Non è un codice fiscale né una partita IVA validi.',
  submit: 'Invia il link',
  submitting: 'Invio…',
  sentTitle: 'Controlla l’e-mail di contatto',
  sent: 'Se indirizzo e codice fiscale corrispondono a una casella PEC, un link sta arrivando all’e-mail di contatto registrata. Funziona una sola volta e per poco tempo.',
  sentHint:
    'Non arriva nulla dopo qualche minuto? Guarda nella cartella spam di quella casella. Se l’e-mail di contatto non è più valida, rivolgiti al gestore.',
  backToSignIn: 'Torna all’accesso',
  resetTitle: 'Scegli una nuova password',
  resetSubtitle: 'Tutti i dispositivi e le password per app collegati alla casella verranno disconnessi.',
  newPassword: 'Nuova password',
  newPasswordHint:
    'Almeno 8 caratteri. Qualche parola senza legame tra loro è facile da ricordare e difficile da indovinare.',
  repeatPassword: 'Ripeti la nuova password',
  passwordTooShort: 'La nuova password deve avere almeno 8 caratteri.',
  passwordMismatch: 'Le due password non coincidono.',
  save: 'Imposta la nuova password',
  saving: 'Salvataggio…',
  doneTitle: 'Password cambiata',
  done: 'Accedi a {{address}} con la nuova password. Tutti i dispositivi sono stati disconnessi e le password per app dei programmi di posta sono state eliminate: creane di nuove nelle impostazioni di sicurezza.',
  signIn: 'Accedi',
  checking: 'Verifica del link…',
  invalidTitle: 'Questo link non è più valido',
  invalid: 'È già stato usato oppure è scaduto. Chiedine uno nuovo.',
  askAgain: 'Chiedi un nuovo link',
  errorTitle: 'Non è andata a buon fine',
};
