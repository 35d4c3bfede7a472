import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  formatItalianHuman,
  formatItalianHumanDateTime,
  formatRfc5322Date,
  italianOffsetMinutes,
  toItalianDateTime,
} from './italian-time.ts';

const at = (iso: string): Date => new Date(iso);
const second = 1000;

/** EU switch instants (01:00 UTC on the last Sunday of March and October). */
const switches = [
  { year: 2024, start: '2024-03-31T01:00:00Z', end: '2024-10-27T01:00:00Z' },
  { year: 2025, start: '2025-03-30T01:00:00Z', end: '2025-10-26T01:00:00Z' },
  { year: 2026, start: '2026-03-29T01:00:00Z', end: '2026-10-25T01:00:00Z' },
];

describe('italianOffsetMinutes and toItalianDateTime at the DST switches', () => {
  for (const { year, start, end } of switches) {
    it(`${year}: summer time starts ${start} and ends ${end}`, () => {
      const s = at(start).getTime();
      const e = at(end).getTime();
      assert.equal(italianOffsetMinutes(new Date(s - second)), 60);
      assert.equal(italianOffsetMinutes(new Date(s - 1)), 60);
      assert.equal(italianOffsetMinutes(new Date(s)), 120);
      assert.equal(italianOffsetMinutes(new Date(e - 1)), 120);
      assert.equal(italianOffsetMinutes(new Date(e)), 60);

      // 01:59:59 CET is followed by 03:00:00 CEST.
      const day = `${start.slice(8, 10)}/${start.slice(5, 7)}/${year}`;
      assert.deepEqual(toItalianDateTime(new Date(s - second)), { day, time: '01:59:59', zone: '+0100' });
      assert.deepEqual(toItalianDateTime(new Date(s)), { day, time: '03:00:00', zone: '+0200' });
      // In October 02:00–02:59 happens twice: first +0200, then +0100.
      const autumn = `${end.slice(8, 10)}/${end.slice(5, 7)}/${year}`;
      assert.deepEqual(toItalianDateTime(new Date(e - second)), {
        day: autumn,
        time: '02:59:59',
        zone: '+0200',
      });
      assert.deepEqual(toItalianDateTime(new Date(e)), { day: autumn, time: '02:00:00', zone: '+0100' });
      assert.equal(
        formatRfc5322Date(new Date(e - second)),
        `Sun, ${Number(end.slice(8, 10))} Oct ${year} 02:59:59 +0200`,
      );
      assert.equal(
        formatRfc5322Date(new Date(e)),
        `Sun, ${Number(end.slice(8, 10))} Oct ${year} 02:00:00 +0100`,
      );
    });
  }

  it('a Sunday that is not the last of March stays in winter time', () => {
    assert.equal(italianOffsetMinutes(at('2024-03-24T12:00:00Z')), 60);
    assert.equal(italianOffsetMinutes(at('2026-10-18T12:00:00Z')), 120);
  });
});

describe('toItalianDateTime', () => {
  it('handles the leap day, year end and truncates milliseconds', () => {
    assert.deepEqual(toItalianDateTime(at('2024-02-29T22:59:59.999Z')), {
      day: '29/02/2024',
      time: '23:59:59',
      zone: '+0100',
    });
    assert.deepEqual(toItalianDateTime(at('2024-02-29T23:00:00Z')), {
      day: '01/03/2024',
      time: '00:00:00',
      zone: '+0100',
    });
    assert.deepEqual(toItalianDateTime(at('2024-12-31T22:59:59Z')), {
      day: '31/12/2024',
      time: '23:59:59',
      zone: '+0100',
    });
    assert.deepEqual(toItalianDateTime(at('2024-12-31T23:00:00Z')), {
      day: '01/01/2025',
      time: '00:00:00',
      zone: '+0100',
    });
    assert.deepEqual(toItalianDateTime(at('2025-06-30T22:30:00Z')), {
      day: '01/07/2025',
      time: '00:30:00',
      zone: '+0200',
    });
  });

  it('matches the real Namirial envelope of pec-spec §3.1 (Date: Thu, 5 Dec 2024 00:02:10 +0100)', () => {
    const instant = at('2024-12-04T23:02:10Z');
    assert.deepEqual(toItalianDateTime(instant), { day: '05/12/2024', time: '00:02:10', zone: '+0100' });
    assert.equal(formatRfc5322Date(instant), 'Thu, 5 Dec 2024 00:02:10 +0100');
    assert.equal(formatItalianHuman(instant), 'Il giorno 05/12/2024 alle ore 00:02:10 (+0100)');
    assert.equal(
      formatItalianHuman(instant, { sentenceStart: false }),
      'il giorno 05/12/2024 alle ore 00:02:10 (+0100)',
    );
    assert.equal(
      formatItalianHumanDateTime({ day: '13/11/2018', time: '16:39:26', zone: '+0100' }),
      'Il giorno 13/11/2018 alle ore 16:39:26 (+0100)',
    );
  });

  it('rejects invalid dates and years that do not fit four digits', () => {
    assert.throws(() => toItalianDateTime(new Date(Number.NaN)), RangeError);
    assert.throws(() => italianOffsetMinutes(new Date(Number.NaN)), RangeError);
    assert.throws(() => formatRfc5322Date(new Date(Date.UTC(10000, 0, 1))), RangeError);
    assert.deepEqual(toItalianDateTime(new Date(Date.UTC(9999, 11, 31, 22, 59, 59))).day, '31/12/9999');
  });

  it('agrees with the IANA Europe/Rome zone (Python zoneinfo) on random instants 1996–2099', () => {
    const instants = fc.sample(
      fc.date({ min: at('1996-01-01T00:00:00Z'), max: at('2099-12-31T00:00:00Z'), noInvalidDate: true }),
      { numRuns: 3000, seed: 7 },
    );
    // Add every switch instant ± 1 s for 1996–2099.
    for (let year = 1996; year < 2100; year += 1) {
      for (const month of [2, 9]) {
        const lastSunday = 31 - new Date(Date.UTC(year, month, 31)).getUTCDay();
        const t = Date.UTC(year, month, lastSunday, 1);
        instants.push(new Date(t - second), new Date(t), new Date(t + second));
      }
    }
    const script = `import json,sys
from datetime import datetime, timezone
from zoneinfo import ZoneInfo
rome = ZoneInfo('Europe/Rome')
out = []
for ms in json.load(sys.stdin):
    d = datetime.fromtimestamp(ms // 1000, timezone.utc).astimezone(rome)
    out.append([d.strftime('%d/%m/%Y'), d.strftime('%H:%M:%S'), d.strftime('%z'), d.strftime('%a, ') + str(d.day) + d.strftime(' %b %Y %H:%M:%S %z')])
print(json.dumps(out))`;
    const run = spawnSync('python3', ['-c', script], {
      input: JSON.stringify(instants.map((d) => d.getTime())),
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: 'C' },
    });
    assert.equal(run.status, 0, run.stderr);
    const oracle = JSON.parse(run.stdout) as [string, string, string, string][];
    instants.forEach((instant, i) => {
      const [day, time, zone, rfc] = oracle[i]!;
      assert.deepEqual(toItalianDateTime(instant), { day, time, zone }, instant.toISOString());
      assert.equal(formatRfc5322Date(instant), rfc, instant.toISOString());
    });
  });
});
