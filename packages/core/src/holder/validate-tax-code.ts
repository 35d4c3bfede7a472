/**
 * Checks the tax code of a mailbox holder: an Italian codice fiscale of a person (16 characters,
 * DM 23/12/1976, with the omocodia substitutions of DM 12/03/1974 art. 2 §4) or an 11-digit number
 * (partita IVA, or the codice fiscale of a non-natural person, DPR 605/1973), each by its check
 * character. A valid code is returned normalised (upper case, no spaces, no `IT` VAT prefix).
 */

export type TaxCodeKind = 'codice-fiscale' | 'partita-iva';

export type TaxCodeCheck =
  | { readonly ok: true; readonly kind: TaxCodeKind; readonly normalized: string }
  | { readonly ok: false; readonly reason: string };

/** Letters that replace the digits 0–9 in the numeric positions of a duplicated (omocodico) code. */
const omocodiaLetters = 'LMNPQRSTUV';
/** Zero-based positions of the codice fiscale that hold digits (year, day, place number). */
const numericPositions = new Set([6, 7, 9, 10, 12, 13, 14]);
/** Month letters A = January … T = December. */
const monthLetters = 'ABCDEHLMPRST';
/**
 * Values of the characters in odd (1st, 3rd, …) positions, for 0–9 and A–Z in that order
 * (DM 23/12/1976, table "caratteri dispari").
 */
const oddValues = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16,
  10, 22, 25, 24, 23,
];

function alphabetIndex(char: string): number {
  const code = char.charCodeAt(0);
  return code >= 48 && code <= 57 ? code - 48 : code - 55;
}

/** The control letter of the first 15 characters of a codice fiscale. */
function codiceFiscaleCheckLetter(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const index = alphabetIndex(first15.charAt(i));
    // Position i is the (i+1)-th character: even i means an odd position.
    // Even positions count digits as 0–9 and letters as A = 0 … Z = 25.
    sum += i % 2 === 0 ? (oddValues[index] ?? 0) : index < 10 ? index : index - 10;
  }
  return String.fromCharCode(65 + (sum % 26));
}

function checkCodiceFiscale(code: string): TaxCodeCheck {
  if (!/^[A-Z0-9]{16}$/.test(code)) {
    return { ok: false, reason: 'a codice fiscale has 16 letters and digits' };
  }
  // Undo omocodia to check the structure; the check letter is computed on the code as written.
  let decoded = '';
  for (let i = 0; i < 15; i++) {
    const char = code.charAt(i);
    if (numericPositions.has(i)) {
      const substituted = omocodiaLetters.indexOf(char);
      if (/[0-9]/.test(char)) decoded += char;
      else if (substituted !== -1) decoded += String(substituted);
      else return { ok: false, reason: `character ${i + 1} must be a digit (or one of ${omocodiaLetters})` };
    } else if (/[A-Z]/.test(char)) {
      decoded += char;
    } else {
      return { ok: false, reason: `character ${i + 1} must be a letter` };
    }
  }
  if (!monthLetters.includes(decoded.charAt(8))) {
    return { ok: false, reason: `character 9 must be a month letter (${monthLetters})` };
  }
  const day = Number(decoded.slice(9, 11));
  // Women's codes add 40 to the day of birth.
  if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) {
    return { ok: false, reason: 'characters 10–11 must be a day of birth (01–31, or 41–71)' };
  }
  const expected = codiceFiscaleCheckLetter(code.slice(0, 15));
  if (code.charAt(15) !== expected) {
    return { ok: false, reason: 'the check letter does not match (mistyped codice fiscale?)' };
  }
  return { ok: true, kind: 'codice-fiscale', normalized: code };
}

/** The check digit of the first 10 digits of a partita IVA (Luhn over positions 2, 4, …, 10). */
function partitaIvaCheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = Number(first10.charAt(i));
    if (i % 2 === 0) sum += digit;
    else sum += digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
  }
  return (10 - (sum % 10)) % 10;
}

function checkPartitaIva(code: string): TaxCodeCheck {
  if (/^0{11}$/.test(code)) return { ok: false, reason: 'a partita IVA cannot be all zeros' };
  if (partitaIvaCheckDigit(code.slice(0, 10)) !== Number(code.charAt(10))) {
    return { ok: false, reason: 'the check digit does not match (mistyped partita IVA?)' };
  }
  return { ok: true, kind: 'partita-iva', normalized: code };
}

export function validateTaxCode(value: string): TaxCodeCheck {
  const compact = value.replace(/[\s.-]/g, '').toUpperCase();
  if (compact.length === 0) return { ok: false, reason: 'the tax code is empty' };
  const vat = /^(?:IT)?(\d{11})$/.exec(compact);
  if (vat?.[1] !== undefined) return checkPartitaIva(vat[1]);
  if (/^\d+$/.test(compact)) return { ok: false, reason: 'a partita IVA has exactly 11 digits' };
  return checkCodiceFiscale(compact);
}
