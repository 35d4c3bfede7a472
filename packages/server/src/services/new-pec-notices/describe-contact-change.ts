/**
 * The words of a contact change (decision 0036), in Italian then English: the code sent to a new
 * contact e-mail, and the word to the old contact once the new one is confirmed.
 */
import type { ContactKind } from '../../ports/contact-change-store.ts';

export function describeContactCode(input: { readonly box: string; readonly code: string }): {
  subject: string;
  text: string;
} {
  return {
    subject: `Codice di verifica ${input.code} / Verification code`,
    text:
      `Questo indirizzo è stato indicato come recapito della casella PEC ${input.box}.\n` +
      `Codice di verifica: ${input.code}\nSe non l'hai chiesto tu, ignora questo messaggio.\n\n` +
      `This address was given as the contact of the PEC mailbox ${input.box}.\n` +
      `Verification code: ${input.code}\nIf you did not ask for it, ignore this message.`,
  };
}

export function describeContactChanged(input: {
  readonly box: string;
  readonly kind: ContactKind;
  readonly value: string;
}): { subject: string; text: string; sms: string } {
  const what =
    input.kind === 'email' ? ['e-mail di recapito', 'contact e-mail'] : ['cellulare', 'mobile number'];
  return {
    subject: `Recapito cambiato / Contact changed: ${input.box}`,
    text:
      `Il ${what[0]} della casella PEC ${input.box} ora è ${input.value}; questo recapito non la riceverà più.\n` +
      'Se non sei stato tu, accedi alla webmail, cambia la password e avvisa il gestore.\n\n' +
      `The ${what[1]} of the PEC mailbox ${input.box} is now ${input.value}; this contact will no longer get its notices.\n` +
      'If it was not you, sign in to the webmail, change your password and tell the provider.',
    sms: `PEC ${input.box}: recapito cambiato / contact changed -> ${input.value}`,
  };
}
