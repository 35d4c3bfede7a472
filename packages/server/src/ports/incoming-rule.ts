/**
 * The holder's rules on incoming messages, as data (decision 0026): ordered, each with conditions
 * joined by all/any and actions. The PEC categories are the values of `X-Trasporto` / `X-Ricevuta`
 * (pec-spec §3) plus `anomalia` and `ordinaria` (ordinary mail accepted by the holder, §3.9).
 */

export const pecCategories = [
  'posta-certificata',
  'anomalia',
  'ordinaria',
  'accettazione',
  'non-accettazione',
  'presa-in-carico',
  'avvenuta-consegna',
  'errore-consegna',
  'preavviso-errore-consegna',
  'rilevazione-virus',
] as const;
export type PecCategory = (typeof pecCategories)[number];

export type TextField = 'sender' | 'recipient' | 'subject';
export type TextOperator = 'contains' | 'equals';

export type RuleCondition =
  | { readonly field: TextField; readonly op: TextOperator; readonly value: string }
  | { readonly field: 'pec-type'; readonly value: PecCategory }
  | { readonly field: 'has-attachments'; readonly value: boolean }
  | { readonly field: 'size'; readonly op: 'over' | 'under'; readonly value: number };

export type RuleAction =
  | { readonly kind: 'move'; readonly folder: string }
  | { readonly kind: 'forward'; readonly to: string }
  | { readonly kind: 'mark-read' }
  | { readonly kind: 'flag' }
  | { readonly kind: 'stop' };

export type RuleMatch = 'all' | 'any';

/** A rule as the holder writes it. */
export interface RuleDefinition {
  readonly name: string;
  readonly enabled: boolean;
  readonly match: RuleMatch;
  readonly conditions: readonly RuleCondition[];
  readonly actions: readonly RuleAction[];
}

/** A stored rule: its id and its place in the order (0 first). */
export interface IncomingRule extends RuleDefinition {
  readonly id: number;
  readonly position: number;
}

/** Most rules one mailbox may hold, and most conditions or actions in one rule. */
export const ruleLimits = { rules: 100, conditions: 20, actions: 10, text: 200 } as const;
