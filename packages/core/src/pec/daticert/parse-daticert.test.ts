import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { daticertFromFields, type DaticertFields } from './daticert-fields.ts';
import { parseDaticert } from './parse-daticert.ts';

const samples = '/work/shared/pec-samples';

/** A complete, valid daticert in the real Aruba layout (synthetic values). */
const valid = `<?xml version="1.0" encoding="UTF-8"?>
<postacert tipo="avvenuta-consegna" errore="nessuno">
    <intestazione>
        <mittente>mario.rossi@pec.example.it</mittente>
        <destinatari tipo="certificato">ufficio@pec.example.org</destinatari>
        <destinatari tipo="esterno">info@example.com</destinatari>
        <risposte>mario.rossi@pec.example.it</risposte>
        <oggetto>Contratto 2025/17</oggetto>
    </intestazione>
    <dati>
        <gestore-emittente>Example PEC S.p.A.</gestore-emittente>
        <data zona="+0100">
            <giorno>13/11/2025</giorno>
            <ora>16:39:27</ora>
        </data>
        <identificativo>opec1.20251113163926.1838.310.1.63@pec.example.it</identificativo>
        <msgid>&lt;abc123@client.example&gt;</msgid>
        <ricevuta tipo="completa" />
        <consegna>ufficio@pec.example.org</consegna>
    </dati>
</postacert>
`;

const expected: DaticertFields = {
  type: 'avvenuta-consegna',
  error: 'nessuno',
  sender: 'mario.rossi@pec.example.it',
  recipients: [
    { address: 'ufficio@pec.example.org', kind: 'certificato' },
    { address: 'info@example.com', kind: 'esterno' },
  ],
  replyTo: 'mario.rossi@pec.example.it',
  subject: 'Contratto 2025/17',
  issuer: 'Example PEC S.p.A.',
  date: { day: '13/11/2025', time: '16:39:27', zone: '+0100' },
  identifier: 'opec1.20251113163926.1838.310.1.63@pec.example.it',
  msgid: '<abc123@client.example>',
  receiptVariant: 'completa',
  delivery: 'ufficio@pec.example.org',
  takenInCharge: [],
};

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Asserts the parse found every field of `expected` (with `patch` applied). */
function assertFields(
  input: string | Uint8Array,
  patch: Partial<DaticertFields> = {},
): ReturnType<typeof parseDaticert> {
  const parsed = parseDaticert(input);
  assert.deepEqual(parsed.daticert, { ...expected, ...patch });
  return parsed;
}

const hasProblem = (problems: readonly string[], pattern: RegExp): boolean =>
  problems.some((p) => pattern.test(p));

describe('parseDaticert on well-formed input', () => {
  it('reads every field, with no problems', () => {
    const parsed = assertFields(valid);
    assert.equal(parsed.wellFormed, true);
    assert.deepEqual(parsed.problems, []);
    assert.ok(daticertFromFields(parsed.daticert) !== undefined);
  });

  it('accepts CRLF, a UTF-8 BOM (bytes and string), single quotes and extra white space', () => {
    assert.equal(assertFields(valid.replaceAll('\n', '\r\n')).wellFormed, true);
    assert.equal(assertFields(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(valid)])).wellFormed, true);
    assert.equal(assertFields(`\uFEFF${valid}`).wellFormed, true);
    const quoted = valid
      .replaceAll('"', "'")
      .replace('<mittente>', '<mittente>\n\t  ')
      .replace('</risposte>', '  \n</risposte >');
    const parsed = assertFields(quoted.replace('<data zona', '<data\n   zona'));
    assert.equal(parsed.wellFormed, true);
    assert.deepEqual(parsed.problems, []);
  });

  it('decodes iso-8859-1 and UTF-16 (LE with BOM, BE without) from the declaration or the bytes', () => {
    const latin = valid
      .replace('encoding="UTF-8"', "encoding='iso-8859-1'")
      .replace('Contratto 2025/17', 'Perché è così');
    const bytes = new Uint8Array(Buffer.from(latin, 'latin1'));
    assert.equal(assertFields(bytes, { subject: 'Perché è così' }).wellFormed, true);

    const sixteen = valid.replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(sixteen, 'utf16le')]);
    assert.equal(assertFields(le).wellFormed, true);
    const be = Buffer.from(sixteen, 'utf16le').swap16();
    assert.equal(assertFields(new Uint8Array(be)).wellFormed, true);
  });

  it('decodes entities, character references and CDATA; drops comments', () => {
    const doc = valid.replace(
      '<oggetto>Contratto 2025/17</oggetto>',
      '<oggetto>A &amp; B &#233;&#xE8; <![CDATA[<x>&amp;]]><!-- note --> &quot;&apos;</oggetto>',
    );
    assert.equal(assertFields(doc, { subject: 'A & B éè <x>&amp; "\'' }).wellFormed, true);
  });

  it('applies the DTD defaults for a missing errore and destinatari tipo', () => {
    const doc = valid
      .replace(' errore="nessuno"', '')
      .replace('<destinatari tipo="certificato">', '<destinatari>');
    const parsed = assertFields(doc);
    assert.equal(parsed.wellFormed, true);
  });
});

describe('parseDaticert leniency', () => {
  it('reads an unescaped msgid, noting that the XML is broken', () => {
    for (const raw of ['<abc@x>', '<abc>', '<a.b@c.d>', '<data@x>', '<ora.1@x>']) {
      const parsed = assertFields(valid.replace('&lt;abc123@client.example&gt;', raw), { msgid: raw });
      assert.equal(parsed.wellFormed, false);
      assert.ok(hasProblem(parsed.problems, /unescaped '<' in <msgid>/), parsed.problems.join('\n'));
    }
  });

  it('accepts raw control characters, removing them from values', () => {
    const parsed = assertFields(valid.replace('Contratto 2025/17', 'Contratto\u0001 2025/17\u0000'));
    assert.equal(parsed.wellFormed, false);
    assert.ok(hasProblem(parsed.problems, /characters XML 1\.0 does not allow/));
  });

  it('accepts any element order, noting it', () => {
    const intestazione = /<intestazione>[\s\S]*<\/intestazione>/.exec(valid)![0];
    const swapped = valid
      .replace(intestazione, '<INTESTAZIONE_PLACEHOLDER/>')
      .replace('</dati>', `</dati>\n${intestazione}`)
      .replace('<INTESTAZIONE_PLACEHOLDER/>', '')
      .replace(/(<giorno>.*<\/giorno>)(\s*)(<ora>.*<\/ora>)/, '$3$2$1')
      .replace(/(<msgid>.*<\/msgid>)/, '<consegna>ufficio@pec.example.org</consegna>$1')
      .replace(/(<ricevuta tipo="completa" \/>\s*)<consegna>ufficio@pec.example.org<\/consegna>/, '$1');
    const parsed = assertFields(swapped);
    assert.equal(parsed.wellFormed, true);
    for (const parent of ['postacert', 'dati', 'data']) {
      assert.ok(
        hasProblem(parsed.problems, new RegExp(`children of <${parent}> are not in DTD order`)),
        parent,
      );
    }
  });

  it('ignores unknown elements and attributes, noting each', () => {
    const doc = valid
      .replace('<dati>', '<dati>\n<firma algo="x"><valore>1</valore></firma>')
      .replace('<mittente>', '<mittente lang="it">');
    const parsed = assertFields(doc);
    assert.equal(parsed.wellFormed, true);
    assert.ok(hasProblem(parsed.problems, /unknown element <firma>/));
    assert.ok(hasProblem(parsed.problems, /unknown element <valore>/));
    assert.ok(hasProblem(parsed.problems, /unknown attribute "lang" on <mittente>/));
  });

  it('lower-cases tipo and errore, noting it; keeps unknown values out', () => {
    const upper = assertFields(
      valid.replace('"avvenuta-consegna" errore="nessuno"', '" Avvenuta-Consegna" errore="NESSUNO"'),
    );
    assert.equal(upper.wellFormed, true);
    assert.ok(hasProblem(upper.problems, /read as "avvenuta-consegna"/));

    const unknown = parseDaticert(
      valid.replace('"avvenuta-consegna"', '"consegnata"').replace('"certificato"', '"pec"'),
    );
    assert.equal(unknown.daticert.type, undefined);
    assert.deepEqual(unknown.daticert.recipients[0], { address: 'ufficio@pec.example.org' });
    assert.equal(unknown.wellFormed, false);
    assert.ok(hasProblem(unknown.problems, /unknown postacert tipo value "consegnata"/));
    assert.ok(hasProblem(unknown.problems, /unknown <destinatari> tipo value "pec"/));
    assert.equal(daticertFromFields(unknown.daticert), undefined);
  });

  it('reports missing required parts and keeps what it found', () => {
    const parsed = parseDaticert(valid.replace(/<mittente>.*<\/mittente>/, '').replace(' zona="+0100"', ''));
    assert.equal(parsed.wellFormed, false);
    assert.equal(parsed.daticert.sender, undefined);
    assert.deepEqual(parsed.daticert.date, { day: '13/11/2025', time: '16:39:27' });
    assert.ok(hasProblem(parsed.problems, /<mittente> is missing/));
    assert.ok(hasProblem(parsed.problems, /<data> has no zona/));
    assert.equal(parsed.daticert.identifier, expected.identifier);
  });

  it('recovers from unclosed and stray tags, stray text, a duplicate and a wrapped root', () => {
    const broken = valid
      .replace('</mittente>', '')
      .replace('</intestazione>', 'a</intestazione></bogus>')
      .replace('<consegna>', '<consegna>x</consegna><consegna>');
    const parsed = parseDaticert(broken);
    assert.equal(parsed.wellFormed, false);
    assert.ok(hasProblem(parsed.problems, /<mittente> is not closed/));
    assert.ok(hasProblem(parsed.problems, /<\/bogus> has no start tag/));
    assert.ok(hasProblem(parsed.problems, /unexpected text inside <intestazione>/));
    assert.ok(hasProblem(parsed.problems, /<consegna> appears 2 times/));
    assert.equal(parsed.daticert.delivery, 'x');
    assert.equal(parsed.daticert.identifier, expected.identifier);

    const wrapped = parseDaticert(`<envelope>${valid.replace(/^<\?xml.*\?>/, '')}</envelope>`);
    assert.equal(wrapped.wellFormed, false);
    assert.equal(wrapped.daticert.identifier, expected.identifier);
    assert.ok(hasProblem(wrapped.problems, /root element is not <postacert>/));
  });

  it('an unclosed text element or ricevuta does not swallow its siblings', () => {
    const doc = valid
      .replace('</mittente>', '')
      .replace('</msgid>', '')
      .replace('<ricevuta tipo="completa" />', '<ricevuta tipo="completa">');
    const parsed = assertFields(doc);
    assert.equal(parsed.wellFormed, false);
    assert.ok(hasProblem(parsed.problems, /<mittente> is not closed/));
    assert.ok(hasProblem(parsed.problems, /<msgid> is not closed/));
    assert.ok(hasProblem(parsed.problems, /<ricevuta> is not closed/));
  });

  it('never resolves entities or DTDs, and stays fast on an entity bomb', () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE postacert [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY ext SYSTEM "file:///etc/passwd">
]>
${valid.replace(/^<\?xml.*\?>/, '').replace('Contratto 2025/17', '&c;&ext;&nbsp;')}`;
    const parsed = assertFields(bomb, { subject: '&c;&ext;&nbsp;' });
    assert.equal(parsed.wellFormed, false);
    assert.ok(hasProblem(parsed.problems, /DOCTYPE ignored/));
    assert.ok(hasProblem(parsed.problems, /entity XML does not predefine in <oggetto>/));
  });

  it('never throws on empty or garbage input', () => {
    for (const input of [
      '',
      '<',
      '<<>>',
      '&',
      '<postacert',
      '<?xml',
      '<!--',
      '</x>',
      '<postacert tipo="accettazione"/>',
    ]) {
      const parsed = parseDaticert(input);
      assert.equal(parsed.wellFormed, false, input);
      assert.ok(parsed.problems.length > 0, input);
    }
    const wrongBytes = parseDaticert(new Uint8Array([0xff, 0xfe, 0x00]));
    assert.equal(wrongBytes.wellFormed, false);
  });

  it('reports invalid UTF-8 and a declaration that contradicts the bytes', () => {
    const bad = new Uint8Array([...utf8(valid.replace('Contratto 2025/17', 'X'))]);
    bad[bad.indexOf(0x58)] = 0xc3; // 'X' → a truncated two-byte sequence
    const parsed = parseDaticert(bad);
    assert.equal(parsed.wellFormed, false);
    assert.equal(parsed.daticert.subject, '\uFFFD');
    assert.ok(hasProblem(parsed.problems, /not valid utf-8/));

    const contradicting = parseDaticert(
      new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(valid.replace('UTF-8', 'UTF-16'))]),
    );
    assert.equal(contradicting.wellFormed, false);
    assert.ok(hasProblem(contradicting.problems, /does not match/));
  });

  it('keeps the problem list bounded', () => {
    const parsed = parseDaticert(
      `<postacert>${Array.from({ length: 500 }, (_, i) => `<x${i}/>&`).join('')}</postacert>`,
    );
    assert.ok(parsed.problems.length <= 51);
    assert.equal(parsed.problems.at(-1), 'further problems omitted');
  });
});

describe('parseDaticert on real provider files', () => {
  it('reads jopenpec/daticert.xml (UTF-16 BE with BOM, tab-indented, errore before tipo)', () => {
    const path = `${samples}/jopenpec/daticert.xml`;
    const parsed = parseDaticert(readFileSync(path));
    // Independent oracle: Python's XML parser (the file is well-formed).
    const oracle = spawnSync(
      'python3',
      [
        '-c',
        `import json,sys,xml.etree.ElementTree as E
r=E.parse(sys.argv[1]).getroot()
t=lambda p:(r.find(p).text or '').strip()
print(json.dumps({'sender':t('intestazione/mittente'),'recipients':[(d.text.strip(),d.get('tipo')) for d in r.findall('intestazione/destinatari')],
'replyTo':t('intestazione/risposte'),'subject':t('intestazione/oggetto'),'identifier':t('dati/identificativo'),'msgid':t('dati/msgid')}))`,
        path,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(oracle.status, 0, oracle.stderr);
    const want = JSON.parse(oracle.stdout) as Record<string, unknown>;
    const d = parsed.daticert;
    assert.equal(parsed.wellFormed, true);
    assert.deepEqual(parsed.problems, []);
    assert.equal(d.type, 'posta-certificata');
    assert.equal(d.error, 'nessuno');
    assert.equal(d.issuer, 'ARUBA PEC S.p.A.');
    assert.deepEqual(d.date, { day: '05/09/2014', time: '12:28:50', zone: '+0200' });
    assert.equal(d.receiptVariant, 'completa');
    assert.match(d.identifier ?? '', /^opec\d+\.20140905122850\.[\d.]+@pec\.aruba\.it$/);
    assert.match(d.msgid ?? '', /^<[^<>\s]+@[^<>\s]+>$/);
    assert.deepEqual(
      {
        sender: d.sender,
        recipients: d.recipients.map((r) => [r.address, r.kind]),
        replyTo: d.replyTo,
        subject: d.subject,
        identifier: d.identifier,
        msgid: d.msgid,
      },
      want,
    );
    assert.ok(daticertFromFields(d) !== undefined);
  });

  it('reads the daticert of a real errore-consegna with a stray character (biagioT consegna.eml)', () => {
    const eml = readFileSync(`${samples}/biagioT-java-pec-parser/consegna.eml`, 'latin1');
    const part = /filename="?daticert\.xml"?[^\n]*\n(?:[^\n]+\n)*\n([A-Za-z0-9+/=\n]+)/.exec(eml);
    assert.ok(part?.[1] !== undefined, 'daticert part not found');
    const parsed = parseDaticert(new Uint8Array(Buffer.from(part[1], 'base64')));
    assert.equal(parsed.daticert.type, 'errore-consegna');
    assert.equal(parsed.daticert.error, 'no-dest');
    assert.match(parsed.daticert.extendedError ?? '', /^5\.1\.1 /);
    assert.ok(parsed.daticert.delivery !== undefined && parsed.daticert.delivery.includes('@'));
    assert.equal(parsed.wellFormed, true);
    assert.deepEqual(parsed.problems, ['unexpected text inside <intestazione>']);
  });
});

describe('parseDaticert robustness', () => {
  it('never throws on arbitrary strings or bytes', () => {
    const markupish = fc.string({
      unit: fc.constantFrom(
        '<',
        '>',
        '/',
        '&',
        ';',
        '#',
        'x',
        '"',
        "'",
        '=',
        ' ',
        '\n',
        '!',
        '?',
        '-',
        '[',
        ']',
        'postacert',
        'msgid',
        'dati',
        'tipo',
        'a',
      ),
      maxLength: 60,
    });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), markupish), (s) => {
        const parsed = parseDaticert(s);
        assert.equal(typeof parsed.wellFormed, 'boolean');
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        assert.equal(typeof parseDaticert(bytes).wellFormed, 'boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('mutating a valid document never throws and keeps the problem list bounded', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: valid.length }),
        fc.nat({ max: 20 }),
        fc.string({ maxLength: 5 }),
        (at, cut, insert) => {
          const parsed = parseDaticert(valid.slice(0, at) + insert + valid.slice(at + cut));
          assert.ok(parsed.problems.length <= 51);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('stays linear on hostile shapes', () => {
    const n = 100_000;
    const shapes = [
      '<a>'.repeat(n) + '</b>'.repeat(n),
      '<postacert>' + '<msgid></x>'.repeat(n),
      '<postacert>' + '<mittente></mittentex'.repeat(n),
      '<postacert>' + '<destinatari>a</destinatari>'.repeat(n) + '</postacert>',
      '<postacert>' + Array.from({ length: n }, (_, i) => `<e${i}>`).join(''),
      '<postacert tipo="' + 'x'.repeat(n * 10),
      '<!DOCTYPE [' + '['.repeat(n),
      '&'.repeat(n * 10),
    ];
    for (const shape of shapes) {
      const started = performance.now();
      const parsed = parseDaticert(shape);
      const elapsed = performance.now() - started;
      assert.equal(parsed.wellFormed, false);
      // Quadratic behaviour at this size would take minutes; the bound leaves room for a loaded machine.
      assert.ok(elapsed < 10_000, `${shape.slice(0, 30)}… took ${elapsed.toFixed(0)} ms`);
    }
  });
});
