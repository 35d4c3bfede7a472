import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateIncomingRules, type RulesOutcome } from './evaluate-incoming-rules.ts';
import type { IncomingFacts } from './incoming-facts.ts';
import type { IncomingRule, RuleDefinition } from '../../ports/incoming-rule.ts';
import { renderSieveScript } from './render-sieve-script.ts';
import type { SenderListEntry } from '../../ports/incoming-settings-store.ts';
import { normalizeSenderEntry, senderListVerdict } from './sender-lists.ts';

const envelope: IncomingFacts = {
  sender: 'fatture@fornitore.pec.example',
  recipients: ['mario@pec.example', 'ufficio@pec.example'],
  subject: 'Fattura 12/2026',
  pecType: 'posta-certificata',
  hasAttachments: true,
  size: 120_000,
};

let nextId = 1;
function rule(definition: Partial<RuleDefinition> & Pick<RuleDefinition, 'actions'>): IncomingRule {
  const id = nextId++;
  return {
    id,
    position: id,
    name: `r${String(id)}`,
    enabled: true,
    match: 'all',
    conditions: [],
    ...definition,
  };
}

const cases: {
  readonly name: string;
  readonly rules: readonly IncomingRule[];
  readonly facts?: Partial<IncomingFacts>;
  readonly want: Partial<RulesOutcome>;
}[] = [
  { name: 'no rules: INBOX, nothing else', rules: [], want: { folder: null, flags: [], forwardTo: [] } },
  {
    name: 'sender contains, case-insensitive',
    rules: [
      rule({
        conditions: [{ field: 'sender', op: 'contains', value: 'FORNITORE' }],
        actions: [{ kind: 'move', folder: 'Fatture' }],
      }),
    ],
    want: { folder: 'Fatture' },
  },
  {
    name: 'sender equals needs the whole address',
    rules: [
      rule({
        conditions: [{ field: 'sender', op: 'equals', value: 'fornitore.pec.example' }],
        actions: [{ kind: 'move', folder: 'X' }],
      }),
    ],
    want: { folder: null, matched: [] },
  },
  {
    name: 'recipient matches any of the recipients',
    rules: [
      rule({
        conditions: [{ field: 'recipient', op: 'equals', value: 'Ufficio@pec.example' }],
        actions: [{ kind: 'flag' }],
      }),
    ],
    want: { flags: ['\\Flagged'] },
  },
  {
    name: 'subject equals and contains',
    rules: [
      rule({
        conditions: [{ field: 'subject', op: 'equals', value: ' fattura 12/2026 ' }],
        actions: [{ kind: 'mark-read' }],
      }),
      rule({
        conditions: [{ field: 'subject', op: 'contains', value: 'sollecito' }],
        actions: [{ kind: 'flag' }],
      }),
    ],
    want: { flags: ['\\Seen'] },
  },
  {
    name: 'PEC type: a delivery receipt is not an envelope',
    rules: [
      rule({
        conditions: [{ field: 'pec-type', value: 'posta-certificata' }],
        actions: [{ kind: 'move', folder: 'PEC' }],
      }),
    ],
    facts: { pecType: 'avvenuta-consegna' },
    want: { folder: null },
  },
  {
    name: 'PEC type: each receipt kind',
    rules: [
      rule({
        conditions: [{ field: 'pec-type', value: 'avvenuta-consegna' }],
        actions: [{ kind: 'move', folder: 'Ricevute' }],
      }),
    ],
    facts: { pecType: 'avvenuta-consegna' },
    want: { folder: 'Ricevute' },
  },
  {
    name: 'ordinary and anomaly are told apart',
    rules: [
      rule({
        conditions: [{ field: 'pec-type', value: 'anomalia' }],
        actions: [{ kind: 'move', folder: 'Anomalie' }],
      }),
      rule({
        conditions: [{ field: 'pec-type', value: 'ordinaria' }],
        actions: [{ kind: 'move', folder: 'Ordinaria' }],
      }),
    ],
    facts: { pecType: 'ordinaria' },
    want: { folder: 'Ordinaria' },
  },
  {
    name: 'attachments and size',
    rules: [
      rule({
        conditions: [
          { field: 'has-attachments', value: true },
          { field: 'size', op: 'over', value: 100_000 },
        ],
        actions: [{ kind: 'move', folder: 'Grandi' }],
      }),
    ],
    want: { folder: 'Grandi' },
  },
  {
    name: 'size under is strict',
    rules: [
      rule({ conditions: [{ field: 'size', op: 'under', value: 120_000 }], actions: [{ kind: 'flag' }] }),
    ],
    want: { flags: [] },
  },
  {
    name: 'all needs every condition, any needs one',
    rules: [
      rule({
        match: 'all',
        conditions: [
          { field: 'has-attachments', value: false },
          { field: 'subject', op: 'contains', value: 'fattura' },
        ],
        actions: [{ kind: 'move', folder: 'All' }],
      }),
      rule({
        match: 'any',
        conditions: [
          { field: 'has-attachments', value: false },
          { field: 'subject', op: 'contains', value: 'fattura' },
        ],
        actions: [{ kind: 'move', folder: 'Any' }],
      }),
    ],
    want: { folder: 'Any' },
  },
  {
    name: 'disabled rules are skipped',
    rules: [
      rule({ enabled: false, actions: [{ kind: 'move', folder: 'Off' }] }),
      rule({ actions: [{ kind: 'flag' }] }),
    ],
    want: { folder: null, flags: ['\\Flagged'] },
  },
  {
    name: 'the first move wins; flags and forwards add up; stop ends the run',
    rules: [
      rule({
        actions: [
          { kind: 'move', folder: 'First' },
          { kind: 'forward', to: 'a@pec.example' },
        ],
      }),
      rule({
        actions: [
          { kind: 'move', folder: 'Second' },
          { kind: 'mark-read' },
          { kind: 'forward', to: 'A@pec.example' },
          { kind: 'stop' },
        ],
      }),
      rule({ actions: [{ kind: 'flag' }] }),
    ],
    want: { folder: 'First', flags: ['\\Seen'], forwardTo: ['a@pec.example'] },
  },
  {
    name: 'the order is the position, not the id',
    rules: [
      { ...rule({ actions: [{ kind: 'move', folder: 'Later' }] }), position: 5 },
      { ...rule({ actions: [{ kind: 'move', folder: 'Sooner' }] }), position: 1 },
    ],
    want: { folder: 'Sooner' },
  },
];

describe('evaluateIncomingRules (decision 0026)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const outcome = evaluateIncomingRules(c.rules, { ...envelope, ...c.facts });
      for (const [key, value] of Object.entries(c.want))
        assert.deepEqual(outcome[key as keyof RulesOutcome], value, key);
    });
  }
});

describe('sender lists', () => {
  const entries: SenderListEntry[] = [
    { id: 1, list: 'block', value: 'spam.example' },
    { id: 2, list: 'allow', value: 'boss@spam.example' },
    { id: 3, list: 'allow', value: 'partner.example' },
    { id: 4, list: 'block', value: 'partner.example' },
    { id: 5, list: 'allow', value: 'mail.partner.example' },
  ];
  const table: [string, string | undefined][] = [
    ['x@spam.example', 'block'],
    ['x@sub.spam.example', 'block'],
    ['Boss@Spam.example', 'allow'],
    ['x@partner.example', 'block'],
    ['x@mail.partner.example', 'allow'],
    ['x@notspam.example', undefined],
    ['', undefined],
  ];
  for (const [sender, want] of table)
    it(`${sender || '(empty)'} → ${String(want)}`, () => {
      assert.equal(senderListVerdict(entries, sender), want);
    });
  it('normalizes entries and refuses what is neither an address nor a domain', () => {
    assert.equal(normalizeSenderEntry(' @Example.COM '), 'example.com');
    assert.equal(normalizeSenderEntry('Name@Example.com'), 'name@example.com');
    assert.equal(normalizeSenderEntry('not a domain'), undefined);
    assert.equal(normalizeSenderEntry('localhost'), undefined);
  });
});

describe('renderSieveScript (RFC 5228)', () => {
  it('exports the rules in order with fileinto, imap4flags and mime, escaping strings', () => {
    const rules: IncomingRule[] = [
      {
        ...rule({
          name: 'Ricevute',
          conditions: [{ field: 'pec-type', value: 'avvenuta-consegna' }],
          actions: [{ kind: 'move', folder: 'Ricevute' }, { kind: 'mark-read' }, { kind: 'stop' }],
        }),
        position: 0,
      },
      {
        ...rule({
          name: 'Quote "x"',
          match: 'any',
          conditions: [
            { field: 'subject', op: 'contains', value: 'a "b" \\c' },
            { field: 'has-attachments', value: true },
            { field: 'size', op: 'over', value: 1000 },
          ],
          actions: [{ kind: 'forward', to: 'studio@pec.example' }, { kind: 'flag' }],
        }),
        position: 1,
      },
      { ...rule({ name: 'Off', enabled: false, actions: [{ kind: 'flag' }] }), position: 2 },
    ];
    assert.equal(
      renderSieveScript('mario@pec.example', rules),
      [
        '# Rules on incoming messages of mario@pec.example',
        '# Exported as Sieve (RFC 5228); the provider evaluates the same rules after the delivery receipt.',
        'require ["fileinto", "imap4flags", "mime"];',
        '',
        '# Ricevute',
        'if header :is "X-Ricevuta" "avvenuta-consegna" {',
        '  addflag "\\\\Seen";',
        '  fileinto "Ricevute";',
        '  stop;',
        '}',
        '',
        '# Quote "x"',
        'if anyof (header :contains "subject" "a \\"b\\" \\\\c",',
        '    header :mime :anychild :contains "Content-Disposition" "attachment",',
        '    size :over 1000) {',
        '  addflag "\\\\Flagged";',
        '  redirect "studio@pec.example"; # sent as a new PEC from this box',
        '}',
        '',
        '# Off (disabled, not exported)',
        '',
      ].join('\n'),
    );
  });
});
