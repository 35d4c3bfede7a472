/**
 * The calendar over a real server (decision 0040): an event added in one session is listed with
 * its recurrences expanded, changed, exported and deleted; another holder's event id answers 404
 * on every route and their range lists nothing of it; an API token, whatever its scopes, is
 * refused (403); bad fields and a file that is not iCalendar are problem+json naming what is
 * wrong; an import reports the events it left out.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { holders, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';

describe('calendar over HTTP (decision 0040)', { timeout: 120_000 }, () => {
  let provider: ApiProvider;
  before(async () => {
    provider = await startApiProvider();
  });
  after(() => provider.close());

  const call = async (method: string, path: string, cookie?: string, body?: unknown, auth?: string) => {
    const response = await fetch(`${provider.base}/api/v1${path}`, {
      method,
      headers: {
        ...(cookie === undefined ? {} : { cookie }),
        ...(auth === undefined ? { 'x-pec-request': '1' } : { authorization: auth }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      type,
      text,
      body: (type.includes('json') ? JSON.parse(text) : {}) as Record<string, unknown>,
    };
  };
  const december = '?from=2026-12-01T00:00:00Z&to=2027-01-01T00:00:00Z';

  it('adds a weekly event, lists it expanded, changes, exports and deletes it; another holder gets 404', async () => {
    const mario = await signIn(provider.base, holders.mario);
    const anna = await signIn(provider.base, holders.anna);
    const created = await call('POST', '/calendar/events', mario, {
      title: 'Riunione di studio',
      location: 'Roma',
      start: '2026-12-07T09:00',
      end: '2026-12-07T10:30',
      repeat: { frequency: 'weekly', count: 3 },
      reminders: [15],
    });
    assert.equal(created.status, 201, created.text);
    const id = String(created.body['id']);
    assert.equal(created.body['timeZone'], 'Europe/Rome');
    const range = await call('GET', `/calendar/events${december}`, mario);
    assert.equal(range.status, 200);
    const occurrences = range.body['occurrences'] as { start: string; startsAt: string }[];
    assert.deepEqual(
      occurrences.map((o) => [o.start, o.startsAt]),
      [
        ['2026-12-07T09:00', '2026-12-07T08:00:00.000Z'],
        ['2026-12-14T09:00', '2026-12-14T08:00:00.000Z'],
        ['2026-12-21T09:00', '2026-12-21T08:00:00.000Z'],
      ],
    );
    assert.deepEqual((await call('GET', `/calendar/events${december}`, anna)).body['occurrences'], []);
    for (const [method, path, body] of [
      ['GET', `/calendar/events/${id}`],
      ['GET', `/calendar/events/${id}/ics`],
      ['PATCH', `/calendar/events/${id}`, { title: 'X', start: '2026-12-07T09:00', end: '2026-12-07T10:00' }],
      ['DELETE', `/calendar/events/${id}`],
    ] as const) {
      const refused = await call(method, path, anna, body);
      assert.equal(refused.status, 404, `${method} ${path}`);
      assert.match(refused.type, /^application\/problem\+json/);
    }
    const changed = await call('PATCH', `/calendar/events/${id}`, mario, {
      title: 'Riunione spostata',
      start: '2026-12-08T15:00',
      end: '2026-12-08T16:00',
    });
    assert.equal(changed.status, 200);
    assert.equal(changed.body['title'], 'Riunione spostata');
    const one = await call('GET', `/calendar/events/${id}/ics`, mario);
    assert.equal(one.status, 200);
    assert.match(one.type, /^text\/calendar/);
    assert.match(one.text, /DTSTART;TZID=Europe\/Rome:20261208T150000\r\n/);
    assert.match(one.text, /BEGIN:VTIMEZONE\r\nTZID:Europe\/Rome/);
    const all = await call('GET', '/calendar/export', mario);
    assert.match(all.text, /SUMMARY:Riunione spostata/);
    assert.doesNotMatch((await call('GET', '/calendar/export', anna)).text, /Riunione/);
    assert.equal((await call('DELETE', `/calendar/events/${id}`, mario)).status, 204);
    assert.equal((await call('GET', `/calendar/events/${id}`, mario)).status, 404);
  });

  it('names the field a bad event fails on, and a range too wide', async () => {
    const mario = await signIn(provider.base, holders.mario);
    const reversed = await call('POST', '/calendar/events', mario, {
      title: 'Al contrario',
      start: '2026-12-07T10:00',
      end: '2026-12-07T09:00',
    });
    assert.equal(reversed.status, 400);
    assert.equal(reversed.body['eventProblem'], 'end-before-start');
    const zone = await call('POST', '/calendar/events', mario, {
      title: 'Zona',
      start: '2026-12-07T10:00',
      end: '2026-12-07T11:00',
      timeZone: 'Mars/Olympus',
    });
    assert.equal(zone.body['eventProblem'], 'time-zone');
    const wide = await call(
      'GET',
      '/calendar/events?from=2026-01-01T00:00:00Z&to=2028-01-01T00:00:00Z',
      mario,
    );
    assert.equal(wide.status, 400);
    assert.match(wide.type, /^application\/problem\+json/);
  });

  it('imports VEVENTs, reports those left out, and refuses text that is not iCalendar', async () => {
    const mario = await signIn(provider.base, holders.mario);
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Test//EN',
      'BEGIN:VEVENT',
      'UID:import-1@example.org',
      'DTSTART:20261210T140000Z',
      'DURATION:PT1H',
      'SUMMARY:Udienza\\, aula 3',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'TRIGGER:-P1D',
      'END:VALARM',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:import-2@example.org',
      'DTSTART;TZID=Europe/Rome:20261211T090000',
      'RRULE:FREQ=WEEKLY;INTERVAL=2',
      'SUMMARY:Ogni due settimane',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const report = await call('POST', '/calendar/import', mario, { ics });
    assert.equal(report.status, 200, report.text);
    assert.equal(report.body['imported'], 1);
    assert.deepEqual(report.body['rejected'], [
      { event: 2, title: 'Ogni due settimane', reason: 'unsupported-recurrence', detail: 'INTERVAL=2' },
    ]);
    const again = await call('POST', '/calendar/import', mario, { ics });
    assert.equal(again.body['imported'], 1, 'the same UID replaces the event');
    const range = await call('GET', `/calendar/events${december}`, mario);
    const events = range.body['events'] as { title: string; start: string; reminders: number[] }[];
    assert.deepEqual(
      events.filter((e) => e.title.startsWith('Udienza')).map((e) => [e.title, e.start, e.reminders]),
      [['Udienza, aula 3', '2026-12-10T15:00', [1440]]],
    );
    const bad = await call('POST', '/calendar/import', mario, {
      ics: 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VCALENDAR\r\n',
    });
    assert.equal(bad.status, 400);
    assert.match(bad.type, /^application\/problem\+json/);
    assert.equal(bad.body['icsLine'], 4);
    assert.equal(bad.body['icsReason'], 'END:VCALENDAR does not close BEGIN:VEVENT');
  });

  it('is for the signed-in holder only: an API token is refused', async () => {
    const anna = await signIn(provider.base, holders.anna);
    const token = await call('POST', '/tokens', anna, { name: 'ERP', scopes: ['messages:read'] });
    assert.equal(token.status, 201, token.text);
    const bearer = `Bearer ${String(token.body['token'])}`;
    const refused = await call('GET', `/calendar/events${december}`, undefined, undefined, bearer);
    assert.equal(refused.status, 403);
    assert.equal(refused.body['reason'], 'insufficient-scope');
  });
});
