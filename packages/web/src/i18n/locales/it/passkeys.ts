// Passkey (accesso, secondo passaggio, impostazioni di sicurezza) e notifiche push delle nuove PEC, in italiano.
import type { passkeys as en } from '../en/passkeys.ts';

export const passkeys: Record<keyof typeof en, string> = {
  signIn: 'Accedi con una passkey',
  signingIn: 'In attesa della passkey…',
  or: 'oppure',
  useInstead: 'Usa invece una passkey',
  cancelled: 'La passkey non è stata usata. Riprova o usa la password.',
  unsupported: 'Questo browser non può usare le passkey.',
  refused: 'Questa passkey non è stata accettata.',
  title: 'Passkey',
  hint: 'Accedi con impronta, volto o PIN del dispositivo invece della password. Una passkey vale anche come secondo passaggio della verifica in due passaggi.',
  name: 'Nome della passkey',
  nameHint: 'Il dispositivo o il gestore di password che la conserva, per esempio «Portatile dell’ufficio».',
  add: 'Aggiungi una passkey',
  adding: 'In attesa del dispositivo…',
  added: 'Passkey «{{name}}» aggiunta.',
  none: 'Nessuna passkey.',
  remove: 'Rimuovi',
  removeNamed: 'Rimuovi la passkey {{name}}',
  pushTitle: 'Notifiche su questo dispositivo',
  pushHint:
    'Una notifica con mittente e oggetto di ogni nuova PEC, mai il testo. Al massimo {{limit}} all’ora.',
  pushToggle: 'Avvisa questo dispositivo delle nuove PEC',
  pushUnsupported: 'Questo browser non può mostrare notifiche della webmail.',
  pushDenied: 'Le notifiche per questo sito sono bloccate nelle impostazioni del browser.',
  pushDevices: 'Dispositivi avvisati',
  pushNone: 'Nessun dispositivo viene avvisato.',
  pushThisDevice: 'Questo dispositivo',
  pushRemoveNamed: 'Non avvisare più {{device}}',
  pushSince: 'Dal {{date}}',
  unknownDevice: 'Dispositivo sconosciuto',
};
