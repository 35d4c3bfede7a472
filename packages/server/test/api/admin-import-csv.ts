/**
 * The CSV of the import tests: `good + bad` data rows on `domain` with exactly the bad rows listed
 * (their lines, counting the header as line 1), each bad for one reason: invalid tax code, address
 * taken, duplicate inside the file, another domain, unknown plan, malformed address, no holder,
 * an address reserved to a deleted box's holder, a malformed mobile.
 */

export interface ImportFixture {
  readonly csv: string;
  /** Line → the problem code expected. */
  readonly bad: ReadonlyMap<number, string>;
  /** The addresses of the good rows, in file order. */
  readonly good: readonly string[];
}

const validTaxCodes = ['RSSMRA80A01H501U', 'RSSMRA85T10A562S'];

function cell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function importFixture(
  domain: string,
  total: number,
  taken: readonly string[],
  reserved: string,
): ImportFixture {
  const header = 'address,holder name,tax code,contact e-mail,mobile,plan';
  const lines: string[] = [header];
  const bad = new Map<number, string>();
  const good: string[] = [];
  // Which data rows (0-based) are bad, and how: spread through the file.
  const kinds: string[] = [
    ...Array<string>(4).fill('invalid-tax-code'),
    ...Array<string>(3).fill('address-taken'),
    ...Array<string>(3).fill('duplicate'),
    ...Array<string>(2).fill('wrong-domain'),
    ...Array<string>(3).fill('unknown-plan'),
    ...Array<string>(2).fill('invalid-address'),
    'missing-holder',
    'address-reserved',
    'invalid-mobile',
  ];
  const step = Math.floor(total / kinds.length);
  const badAt = new Map(kinds.map((kind, index) => [index * step + 7, kind]));
  let takenIndex = 0;
  for (let row = 0; row < total; row += 1) {
    const n = String(row).padStart(4, '0');
    const fields = {
      address: `casella${n}@${domain}`,
      holder: row % 10 === 0 ? `Rossi, Mario ${n}` : `Titolare ${n}`,
      tax: validTaxCodes[row % 2] ?? '',
      contact: `titolare${n}@example.org`,
      mobile: '+39 333 1234567',
      plan: 'standard',
    };
    const kind = badAt.get(row);
    switch (kind) {
      case 'invalid-tax-code':
        fields.tax = 'RSSMRA80A01H501X';
        break;
      case 'address-taken':
        fields.address = taken[takenIndex++] ?? '';
        break;
      case 'duplicate':
        fields.address = good[good.length - 1] ?? '';
        break;
      case 'wrong-domain':
        fields.address = `casella${n}@altro.example.it`;
        break;
      case 'unknown-plan':
        fields.plan = 'platinum';
        break;
      case 'invalid-address':
        fields.address = row % 2 === 0 ? `casella ${n}` : `casella${n}@@${domain}`;
        break;
      case 'missing-holder':
        fields.holder = '';
        break;
      case 'address-reserved':
        fields.address = reserved;
        break;
      case 'invalid-mobile':
        fields.mobile = 'call me';
        break;
      default:
        good.push(fields.address);
    }
    if (kind !== undefined) bad.set(lines.length + 1, kind);
    lines.push(
      [fields.address, fields.holder, fields.tax, fields.contact, fields.mobile, fields.plan]
        .map(cell)
        .join(','),
    );
  }
  return { csv: `${lines.join('\r\n')}\r\n`, bad, good };
}
