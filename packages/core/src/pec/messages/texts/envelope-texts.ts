/**
 * Italian texts of the two envelopes: the transport envelope, "Messaggio di posta certificata"
 * (pec-spec §3.1: date, time and zone, subject, sender, recipients, the original attached, the
 * identifier), and the anomaly envelope (pec-spec §3.9: arrival time, subject, sender, recipients,
 * a note that the data is not certified, and the error found).
 */
import type { ItalianDateTime } from '../../daticert/daticert.ts';
import { formatItalianHumanDateTime } from '../../time/italian-time.ts';
import type { OriginalFacts } from '../original-facts.ts';
import { identifierParagraph, labelRecipient, quoted, type PecText } from './pec-text.ts';

export interface TransportEnvelopeTextInput {
  readonly date: ItalianDateTime;
  readonly facts: OriginalFacts;
  readonly identifier: string;
}

export function transportEnvelopeText(input: TransportEnvelopeTextInput): PecText {
  const { facts } = input;
  return {
    title: 'Messaggio di posta certificata',
    blocks: [
      {
        paragraph:
          `${formatItalianHumanDateTime(input.date)} il messaggio ${quoted(facts.subject)} ` +
          `è stato inviato da ${quoted(facts.sender)} indirizzato a:`,
      },
      { list: facts.recipients.map((r) => labelRecipient(r.address, r.kind)) },
      { paragraph: 'Il messaggio originale è incluso in allegato.' },
      identifierParagraph(input.identifier),
    ],
  };
}

export interface AnomalyEnvelopeTextInput {
  readonly date: ItalianDateTime;
  readonly facts: OriginalFacts;
  /** What is wrong with the message, e.g. that it is not a PEC message or its signature is invalid. */
  readonly reason: string;
}

export function anomalyEnvelopeText(input: AnomalyEnvelopeTextInput): PecText {
  const { facts } = input;
  return {
    title: 'Anomalia nel messaggio',
    blocks: [
      {
        paragraph:
          `${formatItalianHumanDateTime(input.date)} è stato ricevuto il messaggio ` +
          `${quoted(facts.subject)} inviato da ${quoted(facts.sender)} indirizzato a:`,
      },
      { list: facts.recipients.map((r) => r.address) },
      {
        paragraph:
          'Il messaggio non ha superato i controlli della posta certificata: ' +
          'i dati qui riportati NON sono certificati.',
      },
      { paragraph: `Anomalia rilevata: ${input.reason}` },
      { paragraph: 'Il messaggio originale è incluso in allegato.' },
    ],
  };
}
