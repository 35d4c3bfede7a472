import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { validateTaxCode } from './validate-tax-code.ts';

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

// An independent reference for the check letter, written from the DM 23/12/1976 tables as maps.
const oddTable: Record<string, number> = {
  '0': 1, '1': 0, '2': 5, '3': 7, '4': 9, '5': 13, '6': 15, '7': 17, '8': 19, '9': 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18,
  N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
}; // prettier-ignore

function referenceCheckLetter(first15: string): string {
  let sum = 0;
  Array.from(first15).forEach((char, i) => {
    const even = /\d/.test(char) ? Number(char) : char.charCodeAt(0) - 65;
    sum += (i + 1) % 2 === 1 ? oddTable[char]! : even;
  });
  return 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.charAt(sum % 26);
}

function everySingleChange(code: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < code.length; i++) {
    for (const char of alphabet) {
      if (char !== code[i]) out.push(code.slice(0, i) + char + code.slice(i + 1));
    }
  }
  return out;
}

describe('validateTaxCode: codice fiscale', () => {
  for (const code of ['RSSMRA85T10A562S', 'MRTMTT25D09F205Z']) {
    it(`accepts the public example ${code}`, () => {
      assert.deepEqual(validateTaxCode(code), { ok: true, kind: 'codice-fiscale', normalized: code });
      assert.equal(referenceCheckLetter(code.slice(0, 15)), code[15]);
    });

    it(`refuses every single-character change of ${code}`, () => {
      for (const changed of everySingleChange(code)) {
        assert.equal(validateTaxCode(changed).ok, false, changed);
      }
    });
  }

  it('normalises case and spaces', () => {
    assert.deepEqual(validateTaxCode(' rssmra 85t10 a562s '), {
      ok: true,
      kind: 'codice-fiscale',
      normalized: 'RSSMRA85T10A562S',
    });
  });

  it('accepts omocodia substitutions with their own check letter', () => {
    // The last digit of the place code 2 becomes N; then the year 5 becomes R.
    for (const first15 of ['RSSMRA85T10A56N', 'RSSMRA8RT10A56N', 'RSSMRAURTMLARNN']) {
      const code = first15 + referenceCheckLetter(first15);
      const result = validateTaxCode(code);
      assert.equal(result.ok, true, `${code}: ${result.ok ? '' : result.reason}`);
    }
  });

  it('refuses bad structure even with a matching check letter', () => {
    for (const first15 of [
      'RSSMRA85Z10A562',
      'RSSMRA85T00A562',
      'RSSMRA85T35A562',
      'RSSMR185T10A562',
      'RSSMRA8AT10A562',
    ]) {
      const code = first15 + referenceCheckLetter(first15);
      assert.equal(validateTaxCode(code).ok, false, code);
    }
  });

  it('agrees with the reference on random well-formed codes (check letter right and wrong)', () => {
    const letter = fc.constantFrom(...Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZ'));
    const digit = fc.constantFrom(...Array.from('0123456789LMNPQRSTUV'));
    const first15 = fc
      .tuple(
        fc.array(letter, { minLength: 6, maxLength: 6 }),
        fc.array(digit, { minLength: 2, maxLength: 2 }),
        fc.constantFrom(...Array.from('ABCDEHLMPRST')),
        fc.constantFrom(...['01', '15', '31', '41', '55', '71']),
        letter,
        fc.array(digit, { minLength: 3, maxLength: 3 }),
      )
      .map(([name, year, month, day, place, number]) =>
        [...name, ...year, month, day, place, ...number].join(''),
      );
    fc.assert(
      fc.property(first15, fc.constantFrom(...Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZ')), (head, last) => {
        const expected = last === referenceCheckLetter(head);
        assert.equal(validateTaxCode(head + last).ok, expected);
      }),
    );
  });

  it('refuses wrong lengths and characters with a reason', () => {
    for (const value of ['', 'RSSMRA85T10A562', 'RSSMRA85T10A562SS', 'RSSMRA85T10A562!', '1234']) {
      const result = validateTaxCode(value);
      if (result.ok) assert.fail(`${value} accepted`);
      else assert.ok(result.reason.length > 0);
    }
  });
});

describe('validateTaxCode: partita IVA', () => {
  it('accepts the public example 00743110157, also with the IT prefix', () => {
    const expected = { ok: true, kind: 'partita-iva', normalized: '00743110157' };
    assert.deepEqual(validateTaxCode('00743110157'), expected);
    assert.deepEqual(validateTaxCode('IT 00743110157'), expected);
  });

  it('refuses every single-digit change', () => {
    const code = '00743110157';
    for (let i = 0; i < code.length; i++) {
      for (const digit of '0123456789') {
        if (digit === code[i]) continue;
        const changed = code.slice(0, i) + digit + code.slice(i + 1);
        assert.equal(validateTaxCode(changed).ok, false, changed);
      }
    }
  });

  it('checks the Luhn-style digit on random numbers', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{10}$/), fc.integer({ min: 0, max: 9 }), (head, last) => {
        let sum = 0;
        Array.from(head).forEach((char, i) => {
          const d = Number(char);
          sum += i % 2 === 0 ? d : Math.floor((2 * d) / 10) + ((2 * d) % 10);
        });
        const expected = (10 - (sum % 10)) % 10 === last && !/^0+$/.test(head + String(last));
        assert.equal(validateTaxCode(head + String(last)).ok, expected);
      }),
    );
  });

  it('refuses all zeros and wrong digit counts', () => {
    assert.equal(validateTaxCode('00000000000').ok, false);
    assert.equal(validateTaxCode('0074311015').ok, false);
    assert.equal(validateTaxCode('007431101570').ok, false);
  });
});
