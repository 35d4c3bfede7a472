/**
 * The holder's rules as a Sieve script (RFC 5228) with the `fileinto` (§4.1), `imap4flags`
 * (RFC 5232) and, for attachments, `mime` (RFC 5703) extensions, so that they can be read or moved
 * elsewhere. Our own evaluator stays the authority (evaluate-incoming-rules.ts); the script is an
 * export. Where the two differ it is said in a comment: a PEC envelope's sender is its Reply-To
 * (pec-spec §3.1: `From` names the provider), its subject carries the `POSTA CERTIFICATA:` prefix,
 * and `redirect` stands for our forwarding, which sends a new PEC from the holder's box.
 */
import type { IncomingRule, PecCategory, RuleAction, RuleCondition } from '../../ports/incoming-rule.ts';

/** A Sieve quoted string (RFC 5228 §2.4.2): backslash and double quote escaped. */
export function sieveString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ')}"`;
}

function pecTypeTest(category: PecCategory): string {
  switch (category) {
    case 'posta-certificata':
      return 'header :is "X-Trasporto" "posta-certificata"';
    case 'anomalia':
      return 'header :is "X-Trasporto" "errore"';
    case 'ordinaria':
      // Ordinary mail accepted by the holder arrives wrapped in an anomaly envelope (pec-spec §3.9).
      return 'header :is "X-Trasporto" "errore" /* ordinary mail, filed in an anomaly envelope */';
    default:
      return `header :is "X-Ricevuta" ${sieveString(category)}`;
  }
}

function conditionTest(condition: RuleCondition): string {
  const match = (op: 'contains' | 'equals') => (op === 'equals' ? ':is' : ':contains');
  switch (condition.field) {
    case 'sender':
      return `address ${match(condition.op)} ["from", "reply-to"] ${sieveString(condition.value)}`;
    case 'recipient':
      return `address ${match(condition.op)} ["to", "cc"] ${sieveString(condition.value)}`;
    case 'subject':
      return `header ${match(condition.op)} "subject" ${sieveString(condition.value)}`;
    case 'pec-type':
      return pecTypeTest(condition.value);
    case 'has-attachments': {
      const test = 'header :mime :anychild :contains "Content-Disposition" "attachment"';
      return condition.value ? test : `not ${test}`;
    }
    case 'size':
      return `size :${condition.op} ${String(condition.value)}`;
  }
}

function actionLines(actions: readonly RuleAction[]): string[] {
  // imap4flags: flags set before fileinto are those the filed copy gets (RFC 5232 §3).
  const order: Record<RuleAction['kind'], number> = { 'mark-read': 0, flag: 0, move: 1, forward: 2, stop: 3 };
  const sorted = [...actions].sort((a, b) => order[a.kind] - order[b.kind]);
  return sorted.map((action) => {
    switch (action.kind) {
      case 'mark-read':
        return 'addflag "\\\\Seen";';
      case 'flag':
        return 'addflag "\\\\Flagged";';
      case 'move':
        return `fileinto ${sieveString(action.folder)};`;
      case 'forward':
        return `redirect ${sieveString(action.to)}; # sent as a new PEC from this box`;
      case 'stop':
        return 'stop;';
    }
  });
}

function ruleTest(rule: IncomingRule): string {
  if (rule.conditions.length === 0) return 'true';
  const tests = rule.conditions.map(conditionTest);
  if (tests.length === 1) return tests[0] ?? 'true';
  return `${rule.match === 'all' ? 'allof' : 'anyof'} (${tests.join(',\n    ')})`;
}

/** The script for `rules` (in their order), with a header naming the mailbox. */
export function renderSieveScript(address: string, rules: readonly IncomingRule[]): string {
  const ordered = [...rules].sort((a, b) => a.position - b.position || a.id - b.id);
  const usesMime = ordered.some((r) => r.enabled && r.conditions.some((c) => c.field === 'has-attachments'));
  const lines = [
    `# Rules on incoming messages of ${address.replace(/[\r\n]/g, ' ')}`,
    '# Exported as Sieve (RFC 5228); the provider evaluates the same rules after the delivery receipt.',
    `require [${['fileinto', 'imap4flags', ...(usesMime ? ['mime'] : [])].map((x) => `"${x}"`).join(', ')}];`,
    '',
  ];
  for (const rule of ordered) {
    lines.push(`# ${rule.name.replace(/[\r\n]/g, ' ')}${rule.enabled ? '' : ' (disabled, not exported)'}`);
    if (!rule.enabled) {
      lines.push('');
      continue;
    }
    lines.push(`if ${ruleTest(rule)} {`);
    for (const line of actionLines(rule.actions)) lines.push(`  ${line}`);
    lines.push('}', '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
