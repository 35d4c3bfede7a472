/**
 * Italian texts of the receipts: acceptance (pec-spec §3.2, every recipient labelled as certified
 * or ordinary mail), take charge (§3.4, the recipients this provider took charge of) and delivery
 * (§3.5, one recipient; completa, breve and sintetica say what is attached). Each ends with the
 * transport envelope's identifier, as daticert does.
 */
import type { ItalianDateTime } from '../../daticert/daticert.ts';
import { formatItalianHumanDateTime } from '../../time/italian-time.ts';
import type { ReceiptVariant } from '../../vocabulary.ts';
import type { OriginalFacts } from '../original-facts.ts';
import { identifierParagraph, labelRecipient, quoted, type PecText, type TextBlock } from './pec-text.ts';

export interface ReceiptTextInput {
  readonly date: ItalianDateTime;
  readonly facts: OriginalFacts;
  readonly identifier: string;
}

function opening(input: ReceiptTextInput): string {
  return (
    `${formatItalianHumanDateTime(input.date)} il messaggio ${quoted(input.facts.subject)} ` +
    `proveniente da ${quoted(input.facts.sender)}`
  );
}

export function acceptanceText(input: ReceiptTextInput): PecText {
  return {
    title: 'Ricevuta di accettazione',
    blocks: [
      { paragraph: `${opening(input)} ed indirizzato a:` },
      { list: input.facts.recipients.map((r) => labelRecipient(r.address, r.kind)) },
      { paragraph: 'è stato accettato dal sistema ed inoltrato.' },
      identifierParagraph(input.identifier),
    ],
  };
}

export interface TakeChargeTextInput extends ReceiptTextInput {
  /** Name of the provider that took charge (the issuer). */
  readonly providerName: string;
  readonly takenInCharge: readonly string[];
}

export function takeChargeText(input: TakeChargeTextInput): PecText {
  return {
    title: 'Ricevuta di presa in carico',
    blocks: [
      { paragraph: `${opening(input)} e destinato agli utenti:` },
      { list: input.takenInCharge },
      { paragraph: `è stato preso in carico dal gestore ${quoted(input.providerName)}.` },
      identifierParagraph(input.identifier),
    ],
  };
}

export interface DeliveryTextInput extends ReceiptTextInput {
  readonly recipient: string;
  readonly variant: ReceiptVariant;
}

const deliveryTitles: Readonly<Record<ReceiptVariant, string>> = {
  completa: 'Ricevuta di avvenuta consegna',
  breve: 'Ricevuta breve di avvenuta consegna',
  sintetica: 'Ricevuta sintetica di avvenuta consegna',
};

const attachmentNotes: Readonly<Record<ReceiptVariant, TextBlock | undefined>> = {
  completa: { paragraph: 'Il messaggio originale è incluso in allegato.' },
  breve: {
    paragraph:
      'Il messaggio originale è incluso in allegato; ogni suo allegato è sostituito da un file ' +
      "con estensione .hash che ne contiene l'impronta SHA-1.",
  },
  sintetica: undefined,
};

export function deliveryReceiptText(input: DeliveryTextInput): PecText {
  const note = attachmentNotes[input.variant];
  return {
    title: deliveryTitles[input.variant],
    blocks: [
      {
        paragraph:
          `${opening(input)} ed indirizzato a ${quoted(input.recipient)} ` +
          'è stato consegnato nella casella di destinazione.',
      },
      ...(note === undefined ? [] : [note]),
      identifierParagraph(input.identifier),
    ],
  };
}
