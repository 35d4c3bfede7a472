/**
 * Decision 0008: each adapter writes the reply codes of refusals in exactly one module
 * (smtp/refusal-reply.ts, imap/refusal-response.ts, pop3/refusal-response.ts,
 * http/refusal-problem.ts). This test reads every production source file under protocols/ and
 * fails on a reply code built anywhere else, unless the allow-list below names the file, the code
 * and why it is not a refusal. Comments are ignored; grammar folders, tests and test helpers are
 * not scanned.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, it } from 'node:test';

const protocolsDir = import.meta.dirname;

/** The mapping modules: the only places where refusal codes are written. */
const mappingModules = new Set([
  'smtp/refusal-reply.ts',
  'imap/refusal-response.ts',
  'pop3/refusal-response.ts',
  'http/refusal-problem.ts',
]);

interface Rule {
  readonly name: string;
  readonly pattern: RegExp;
}

/** What counts as "a reply code built by an adapter" (docs/decisions/0008-refusal-vocabulary.md). */
const rules: readonly Rule[] = [
  {
    // RFC 5321 4yz/5yz with an RFC 3463 enhanced code: `new SmtpReply(550, '5.1.1', …)` or `550 5.1.1`.
    name: 'SMTP refusal code',
    pattern: /\b[45]\d\d\b\s*,\s*'[45]\.\d{1,3}\.\d{1,3}'|\b[45]\d\d[ -][45]\.\d{1,3}\.\d{1,3}\b/g,
  },
  {
    // RFC 5530 / RFC 9051 §7.1 / RFC 9208 codes that say "refused", as a typed code or in brackets.
    name: 'IMAP refusal response code',
    pattern:
      /(?:kind:\s*'|\[)(AUTHENTICATIONFAILED|AUTHORIZATIONFAILED|EXPIRED|PRIVACYREQUIRED|CONTACTADMIN|NOPERM|INUSE|EXPUNGEISSUED|CORRUPTION|SERVERBUG|CLIENTBUG|CANNOT|LIMIT|OVERQUOTA|ALREADYEXISTS|NONEXISTENT|UNAVAILABLE|TRYCREATE|HASCHILDREN|TOOBIG)\b/g,
  },
  {
    // RFC 2449 §8 / RFC 3206 extended codes handed to an -ERR writer.
    name: 'POP3 extended response code',
    pattern: /\b(?:err|renderErr)\([^;]*?,\s*'(?:IN-USE|LOGIN-DELAY|SYS\/TEMP|SYS\/PERM|AUTH)'\s*\)/g,
  },
  {
    // RFC 9457 problem details.
    name: 'HTTP problem details',
    pattern: /application\/problem\+json/g,
  },
];

/** Replies that are protocol grammar or not ours to map, each with the reason it is allowed. */
const allowed: readonly { readonly file: string; readonly match: string; readonly reason: string }[] = [
  {
    file: 'smtp/exchange/exchange-replies.ts',
    match: "503, '5.5.1'",
    reason: 'RFC 5321 §4.3.2 command sequence: protocol grammar, not a refusal of the request',
  },
  {
    file: 'smtp/relay-client/create-smtp-relay-transport.ts',
    match: '552 5.3.4',
    reason:
      'the relay client records its own verdict in the peer reply form for the DSN; never sent to a client',
  },
  {
    file: 'imap/reader-error-reply.ts',
    match: '[TOOBIG',
    reason: 'RFC 7888 §4: a non-synchronising literal over the line limit, refused by the command reader',
  },
  {
    file: 'imap/reader-error-reply.ts',
    match: "kind: 'TOOBIG",
    reason: 'RFC 7888 §4: a synchronising literal over the line limit, refused by the command reader',
  },
  {
    file: 'imap/commands/assemble-catenate.ts',
    match: "kind: 'TOOBIG",
    reason:
      'RFC 4469 §5: a CATENATE assembly over the command literal limit, refused while the command is read, before any service',
  },
  {
    file: 'imap/commands/authenticate.ts',
    match: "kind: 'CANNOT",
    reason: 'RFC 9051 §6.2.2: SASL mechanism negotiation, protocol grammar',
  },
  {
    file: 'imap/commands/getquota.ts',
    match: "kind: 'NONEXISTENT",
    reason: 'RFC 9208 §4.2: a quota root name, an IMAP notion with no service behind it',
  },
  {
    file: 'imap/commands/setquota.ts',
    match: "kind: 'NOPERM",
    reason: 'RFC 9208 §4.3: SETQUOTA is never offered to users; a capability answer, not a service decision',
  },
  {
    file: 'imap/commands/fetch.ts',
    match: "kind: 'EXPUNGEISSUED",
    reason: 'RFC 9051 §7.1: session state of the selected folder; moves with FETCH into the reading service',
  },
  {
    file: 'pop3/commands/auth.ts',
    match: "'AUTH')",
    reason: 'RFC 5034 §4: an undecodable SASL response, protocol grammar',
  },
  {
    file: 'pop3/commands/quit.ts',
    match: "'SYS/TEMP')",
    reason: 'RFC 1939 §6: the QUIT reply when the UPDATE state could not remove every marked message',
  },
];

/** Source without comments (block, JSDoc and line comments); string contents are kept. */
function withoutComments(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, ' '))
    .replace(/(^|\s)\/\/.*$/gm, '$1');
}

function productionSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      // Grammar renders whatever code it is given; test helpers are not adapters.
      if (entry.name !== 'grammar' && entry.name !== 'testing') out.push(...productionSources(full));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      out.push(full);
    }
  }
  return out;
}

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  readonly text: string;
}

function findings(): Finding[] {
  const found: Finding[] = [];
  for (const path of productionSources(protocolsDir)) {
    const file = relative(protocolsDir, path).split(sep).join('/');
    if (mappingModules.has(file)) continue;
    const source = withoutComments(readFileSync(path, 'utf8'));
    for (const rule of rules) {
      for (const match of source.matchAll(rule.pattern)) {
        const line = source.slice(0, match.index).split('\n').length;
        found.push({ file, line, rule: rule.name, text: match[0] });
      }
    }
  }
  return found;
}

const isAllowed = (finding: Finding): boolean =>
  allowed.some((entry) => entry.file === finding.file && finding.text.includes(entry.match));

describe('refusal reply codes live in the mapping modules only (decision 0008)', () => {
  const all = findings();

  it('no adapter module outside the mapping modules builds a refusal reply code', () => {
    const offending = all.filter((finding) => !isAllowed(finding));
    assert.deepEqual(
      offending.map((f) => `${f.file}:${f.line} ${f.rule}: ${f.text}`),
      [],
      'map a refusal through the adapter mapping module, or add an allow-list entry with its reason',
    );
  });

  it('every allow-list entry is still needed', () => {
    const unused = allowed.filter(
      (entry) => !all.some((finding) => finding.file === entry.file && finding.text.includes(entry.match)),
    );
    assert.deepEqual(unused, []);
  });

  it('would catch a code built outside the mapping modules', () => {
    const sample = withoutComments(
      [
        "throw new SmtpReply(550, '5.1.1', 'no such user');",
        "ctx.send('452 4.5.3 too many');",
        "return no('gone', { kind: 'NONEXISTENT' });",
        "ctx.err('locked', 'IN-USE');",
        "reply.type('application/problem+json');",
        '// a comment saying 550 5.1.1 or [TRYCREATE] is fine',
      ].join('\n'),
    );
    const hits = rules.map((rule) => [...sample.matchAll(rule.pattern)].length);
    assert.deepEqual(hits, [2, 1, 1, 1]);
  });
});
