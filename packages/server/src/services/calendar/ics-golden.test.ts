/**
 * The iCalendar parser and serialiser against golden files (RFC 5545, decision 0040): a calendar
 * another program wrote (its own VTIMEZONE, a timed weekly RRULE with UNTIL, an all-day monthly
 * event with COUNT, a UTC start with DURATION, escaped and folded text, accents, two alarms) is
 * read into the calendar's fields and written back; both must equal testdata/sample-fields.golden.json
 * and testdata/sample-out.golden.ics byte for byte. Set PEC_UPDATE_GOLDEN=1 to rewrite them after a
 * deliberate change (and read the diff). Refusals: text that is not iCalendar stops at its line
 * with why, and events the calendar cannot keep are refused naming the property.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readVevent, renderCalendar, type ExportedEvent } from './ics-event.ts';
import { parseIcs, renderLines, type Component } from './ics-lines.ts';

const testdata = join(import.meta.dirname, 'testdata');
const updatedAt = new Date('2026-01-02T03:04:05Z');

/** Compares with the golden file, or rewrites it when asked to. */
function golden(name: string, actual: string): void {
  const path = join(testdata, name);
  if (process.env['PEC_UPDATE_GOLDEN'] === '1') writeFileSync(path, actual);
  assert.equal(actual, readFileSync(path, 'utf8'), `${name} differs from the golden file`);
}

function vevents(text: string): Component[] {
  const parsed = parseIcs(text);
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.calendars.flatMap((c) => c.components.filter((e) => e.name === 'VEVENT'));
}

function event(lines: readonly string[]): Component {
  const [only] = vevents(
    ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', ...lines, 'END:VEVENT', 'END:VCALENDAR'].join('\r\n'),
  );
  assert.ok(only !== undefined);
  return only;
}

describe('iCalendar golden files (decision 0040)', () => {
  it('reads a foreign calendar and writes it back as the golden files say', () => {
    const events: ExportedEvent[] = vevents(readFileSync(join(testdata, 'sample.ics'), 'utf8')).map((e) => {
      const read = readVevent(e);
      assert.ok(read.ok, JSON.stringify(read));
      assert.ok(read.value.uid !== undefined);
      return { ...read.value.fields, uid: read.value.uid, updatedAt };
    });
    golden('sample-fields.golden.json', `${JSON.stringify(events, null, 2)}\n`);
    const written = renderLines(renderCalendar(events, '-//PEC//Calendar//EN'));
    golden('sample-out.golden.ics', written);
    // What is written is read back to the same fields: the round trip is stable.
    const again = vevents(written).map((e) => {
      const read = readVevent(e);
      assert.ok(read.ok);
      return { ...read.value.fields, uid: read.value.uid, updatedAt };
    });
    assert.deepEqual(again, events);
  });

  it('refuses text that is not iCalendar, with the line and why', () => {
    assert.deepEqual(parseIcs('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VCALENDAR\r\n'), {
      ok: false,
      line: 4,
      reason: 'END:VCALENDAR does not close BEGIN:VEVENT',
    });
    assert.deepEqual(parseIcs('BEGIN:VCALENDAR\r\nthis is not a content line\r\nEND:VCALENDAR\r\n'), {
      ok: false,
      line: 2,
      reason: 'not a content line (NAME:value)',
    });
    assert.deepEqual(parseIcs('BEGIN:VEVENT\r\nEND:VEVENT\r\n'), {
      ok: false,
      line: 1,
      reason: 'BEGIN:VEVENT outside BEGIN:VCALENDAR',
    });
  });

  it('refuses the events it cannot keep, naming the property', () => {
    const start = 'DTSTART;TZID=Europe/Rome:20260310T093000';
    const cases: [string[], string, string][] = [
      [[start, 'EXDATE;TZID=Europe/Rome:20260317T093000'], 'unsupported-recurrence', 'EXDATE'],
      [[start, 'RECURRENCE-ID;TZID=Europe/Rome:20260317T093000'], 'unsupported-recurrence', 'RECURRENCE-ID'],
      [['DTSTART;TZID=Mars/Olympus:20260310T093000'], 'unknown-time-zone', 'Mars/Olympus'],
      [['SUMMARY:no start'], 'no-start', 'DTSTART'],
      [['DTSTART:2026-03-10'], 'bad-date', 'DTSTART:2026-03-10'],
    ];
    for (const [lines, reason, detail] of cases)
      assert.deepEqual(readVevent(event(lines)), { ok: false, reason, detail }, lines.join(' '));
    const biweekly = readVevent(event([start, 'RRULE:FREQ=WEEKLY;INTERVAL=2']));
    assert.equal(biweekly.ok, false);
  });
});
