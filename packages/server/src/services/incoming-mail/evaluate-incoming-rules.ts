/**
 * Runs the holder's rules over one incoming message (decision 0026), in order, skipping disabled
 * ones. A matching rule applies its actions; `stop` ends the run. The first `move` decides the
 * folder (one copy is filed, never several); flags and forwards add up. Texts compare
 * case-insensitively, as Sieve's default comparator `i;ascii-casemap` (RFC 5228 §2.7.3).
 * The outcome only says where the message is filed and how it is marked: the delivery receipt is
 * already issued when this runs and does not depend on it.
 */
import type { IncomingFacts } from './incoming-facts.ts';
import type { IncomingRule, RuleCondition } from '../../ports/incoming-rule.ts';

export interface RulesOutcome {
  /** Null: the default folder (INBOX). */
  readonly folder: string | null;
  /** IMAP system flags to set, e.g. `\Seen`, `\Flagged`. */
  readonly flags: readonly string[];
  /** PEC addresses the message is forwarded to, each as a new PEC from the holder's box. */
  readonly forwardTo: readonly string[];
  /** Ids of the rules that matched, in order. */
  readonly matched: readonly number[];
}

const lower = (text: string): string => text.toLowerCase();

function textMatches(candidates: readonly string[], op: 'contains' | 'equals', value: string): boolean {
  const wanted = lower(value.trim());
  return candidates.some((candidate) =>
    op === 'equals' ? lower(candidate.trim()) === wanted : lower(candidate).includes(wanted),
  );
}

export function conditionHolds(condition: RuleCondition, facts: IncomingFacts): boolean {
  switch (condition.field) {
    case 'sender':
      return textMatches([facts.sender], condition.op, condition.value);
    case 'recipient':
      return textMatches(facts.recipients, condition.op, condition.value);
    case 'subject':
      return textMatches([facts.subject], condition.op, condition.value);
    case 'pec-type':
      return facts.pecType === condition.value;
    case 'has-attachments':
      return facts.hasAttachments === condition.value;
    case 'size':
      return condition.op === 'over' ? facts.size > condition.value : facts.size < condition.value;
  }
}

function ruleMatches(rule: IncomingRule, facts: IncomingFacts): boolean {
  // A rule without conditions matches everything (Sieve `if true`).
  if (rule.conditions.length === 0) return true;
  return rule.match === 'all'
    ? rule.conditions.every((c) => conditionHolds(c, facts))
    : rule.conditions.some((c) => conditionHolds(c, facts));
}

export function evaluateIncomingRules(rules: readonly IncomingRule[], facts: IncomingFacts): RulesOutcome {
  let folder: string | null = null;
  const flags = new Set<string>();
  const forwardTo: string[] = [];
  const matched: number[] = [];
  const ordered = [...rules].sort((a, b) => a.position - b.position || a.id - b.id);
  for (const rule of ordered) {
    if (!rule.enabled || !ruleMatches(rule, facts)) continue;
    matched.push(rule.id);
    let stop = false;
    for (const action of rule.actions) {
      switch (action.kind) {
        case 'move':
          folder ??= action.folder;
          break;
        case 'forward':
          if (!forwardTo.some((to) => lower(to) === lower(action.to))) forwardTo.push(action.to);
          break;
        case 'mark-read':
          flags.add('\\Seen');
          break;
        case 'flag':
          flags.add('\\Flagged');
          break;
        case 'stop':
          stop = true;
          break;
      }
    }
    if (stop) break;
  }
  return { folder, flags: [...flags], forwardTo, matched };
}
