/**
 * Italian texts of the notices (avvisi): non-acceptance for formal errors or virus (pec-spec §3.3),
 * non-delivery and non-delivery for virus (§3.6, §3.8b), the 12 h and 24 h timeout notices (§3.7:
 * the first says delivery may still happen, the final one that the transmission ended negatively)
 * and the virus detection notice to the sending provider (§3.8a). Each ends with the identifier.
 */
import type { ItalianDateTime } from '../../daticert/daticert.ts';
import { formatItalianHumanDateTime } from '../../time/italian-time.ts';
import type { OriginalFacts } from '../original-facts.ts';
import { identifierParagraph, labelRecipient, quoted, type PecText } from './pec-text.ts';

export interface NoticeTextInput {
  readonly date: ItalianDateTime;
  readonly facts: OriginalFacts;
  readonly identifier: string;
}

function opening(input: NoticeTextInput, recipient?: string): string {
  const to = recipient === undefined ? '' : ` ed indirizzato a ${quoted(recipient)}`;
  return (
    `${formatItalianHumanDateTime(input.date)} nel messaggio ${quoted(input.facts.subject)} ` +
    `proveniente da ${quoted(input.facts.sender)}${to}`
  );
}

export interface NonAcceptanceTextInput extends NoticeTextInput {
  readonly virus: boolean;
  readonly description: string;
}

export function nonAcceptanceText(input: NonAcceptanceTextInput): PecText {
  const problem = input.virus ? 'è stato rilevato un virus' : 'è stato rilevato un problema';
  return {
    title: input.virus ? 'Avviso di non accettazione per virus' : 'Avviso di non accettazione',
    blocks: [
      { paragraph: `${opening(input)} ed indirizzato a:` },
      { list: input.facts.recipients.map((r) => labelRecipient(r.address, r.kind)) },
      { paragraph: `${problem} che ne impedisce l'accettazione: ${input.description}` },
      { paragraph: 'Il messaggio non è stato accettato e non è stato inoltrato.' },
      identifierParagraph(input.identifier),
    ],
  };
}

export interface DeliveryErrorTextInput extends NoticeTextInput {
  readonly recipient: string;
  readonly virus: boolean;
  readonly description: string;
}

export function deliveryErrorText(input: DeliveryErrorTextInput): PecText {
  const problem = input.virus ? 'è stato rilevato un virus' : 'si è verificato un errore';
  return {
    title: input.virus ? 'Avviso di mancata consegna per virus' : 'Avviso di mancata consegna',
    blocks: [
      { paragraph: `${opening(input, input.recipient)} ${problem}: ${input.description}` },
      { paragraph: 'Il messaggio non è stato consegnato.' },
      identifierParagraph(input.identifier),
    ],
  };
}

export interface TimeoutTextInput extends NoticeTextInput {
  readonly recipient: string;
  /** `first`: 12 hours without receipts; `final`: 24 hours without a delivery receipt. */
  readonly stage: 'first' | 'final';
}

export function timeoutNoticeText(input: TimeoutTextInput): PecText {
  const what =
    input.stage === 'first'
      ? "non è ancora pervenuta, entro 12 ore dall'invio, la ricevuta di avvenuta consegna."
      : "non è pervenuta, entro 24 ore dall'invio, la ricevuta di avvenuta consegna.";
  const after =
    input.stage === 'first'
      ? 'La consegna può ancora avvenire. Se entro le prossime 12 ore non perverrà la ricevuta di ' +
        'avvenuta consegna, riceverà un ulteriore avviso.'
      : 'Il messaggio si considera non consegnato: la trasmissione si è conclusa con esito negativo.';
  return {
    title: 'Avviso di mancata consegna per superamento dei tempi massimi',
    blocks: [
      { paragraph: `${opening(input, input.recipient)} ${what}` },
      { paragraph: after },
      identifierParagraph(input.identifier),
    ],
  };
}

export interface VirusDetectionTextInput extends NoticeTextInput {
  readonly recipient: string;
  readonly description: string;
}

export function virusDetectionText(input: VirusDetectionTextInput): PecText {
  return {
    title: 'Avviso di rilevazione virus',
    blocks: [
      { paragraph: `${opening(input, input.recipient)} è stato rilevato un virus: ${input.description}` },
      {
        paragraph:
          'Il messaggio non è stato consegnato al destinatario ed è conservato dal gestore ' +
          'per trenta mesi.',
      },
      identifierParagraph(input.identifier),
    ],
  };
}
