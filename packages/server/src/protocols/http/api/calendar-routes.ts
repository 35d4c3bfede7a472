/**
 * The holder's calendar over HTTP (decision 0040): occurrences of a range with recurrences
 * expanded, create, read, change and delete events; iCalendar export (all or one) and import with
 * a report of the events left out. Always the signed-in holder's own box: another holder's event
 * id answers 404, as an unknown one does. Session only: an API token gets 403 insufficient-scope.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  eventProblems,
  eventRejections,
  frequencies,
  maxCount,
  maxLocationLength,
  maxNotesLength,
  maxReminderMinutes,
  maxReminders,
  maxTitleLength,
  type CalendarEvent,
  type CalendarService,
  type SaveOutcome,
} from '../../../services/calendar/calendar.ts';
import { requestProblem } from '../refusal-problem.ts';
import { apiRoute, sessionResponses, type ApiRoute } from './api-route.ts';
import { notFound, signedIn } from './session-mailbox.ts';

/** The largest .ics text accepted by the import, in characters (within the API's 1 MiB body). */
export const maxIcsChars = 900_000;
/** The widest range one listing expands, in days. */
export const maxRangeDays = 400;

const eventFieldsSchema = z
  .object({
    title: z.string().max(maxTitleLength),
    location: z.string().max(maxLocationLength).default(''),
    notes: z.string().max(maxNotesLength).default(''),
    allDay: z.boolean().default(false),
    start: z.string().max(16).describe('`YYYY-MM-DDTHH:MM` in `timeZone`, or `YYYY-MM-DD` when all-day.'),
    end: z.string().max(16).describe('As `start`; for an all-day event the last day (inclusive).'),
    timeZone: z.string().max(64).default('Europe/Rome'),
    repeat: z
      .object({
        frequency: z.enum(frequencies),
        until: z.string().max(10).nullable().default(null).describe('Last local day, `YYYY-MM-DD`.'),
        count: z.number().int().min(1).max(maxCount).nullable().default(null),
      })
      .strict()
      .default({ frequency: 'none', until: null, count: null }),
    reminders: z
      .array(z.number().int().min(0).max(maxReminderMinutes))
      .max(maxReminders)
      .default([])
      .describe('Minutes before each occurrence; a reminder is e-mailed to the contact address.'),
  })
  .strict()
  .meta({ id: 'CalendarEventFields' });

const eventSchema = z
  .object({
    id: z.string(),
    uid: z.string(),
    title: z.string(),
    location: z.string(),
    notes: z.string(),
    allDay: z.boolean(),
    start: z.string(),
    end: z.string(),
    timeZone: z.string(),
    repeat: z.object({
      frequency: z.enum(frequencies),
      until: z.string().nullable(),
      count: z.number().int().nullable(),
    }),
    reminders: z.array(z.number().int()),
    updatedAt: z.string(),
  })
  .meta({ id: 'CalendarEvent' });

const rangeSchema = z
  .object({
    events: z.array(eventSchema),
    occurrences: z.array(
      z.object({
        eventId: z.string(),
        start: z.string(),
        end: z.string(),
        startsAt: z.string(),
        endsAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'CalendarRange' });

const rangeQuery = z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) });
const idParams = z.object({ id: z.string().regex(/^[1-9][0-9]{0,15}$/) });
const importBody = z.object({ ics: z.string().max(maxIcsChars) }).strict();
const importReportSchema = z
  .object({
    imported: z.number().int(),
    rejected: z.array(
      z.object({
        event: z.number().int(),
        title: z.string().nullable(),
        reason: z.enum(eventRejections),
        detail: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'CalendarImportReport' });

function view(event: CalendarEvent) {
  return { ...event, id: String(event.id), updatedAt: event.updatedAt.toISOString() };
}

function badRequest(reply: FastifyReply, detail: string, extra: Record<string, unknown>) {
  const problem = requestProblem('invalid-request', detail);
  return reply
    .code(problem.status)
    .headers(problem.headers)
    .send({ ...problem.body, ...extra });
}

function answer(reply: FastifyReply, outcome: SaveOutcome, created: boolean) {
  if (outcome.kind === 'not-found') return notFound(reply, 'There is no such event.');
  if (outcome.kind === 'invalid')
    return badRequest(reply, `The event cannot be saved: ${outcome.problem}.`, {
      eventProblem: outcome.problem,
    });
  return reply.code(created ? 201 : 200).send(view(outcome.event));
}

const invalid = {
  description: `A field that does not fit; \`eventProblem\` is one of ${eventProblems.join(', ')}.`,
  problem: true as const,
};
const noEvent = { description: 'No such event for this holder.', problem: true as const };

function ics(reply: FastifyReply, text: string, filename: string) {
  return reply
    .header('Cache-Control', 'no-store')
    .header('Content-Disposition', `attachment; filename="${filename}"`)
    .type('text/calendar; charset=utf-8')
    .send(text);
}

export function calendarRoutes(calendar: CalendarService | undefined): ApiRoute[] {
  if (calendar === undefined) return [];
  const box = (session: Parameters<typeof signedIn>[0]) => signedIn(session).mailboxId;
  const base = { tag: 'calendar', auth: true } as const;
  return [
    apiRoute({
      ...base,
      method: 'GET',
      url: '/api/v1/calendar/events',
      operationId: 'listCalendarOccurrences',
      summary: `The occurrences between \`from\` and \`to\` (at most ${String(maxRangeDays)} days), recurrences expanded, with their events.`,
      query: rangeQuery,
      responses: {
        200: { description: 'The range.', schema: rangeSchema },
        400: { description: 'A range that is reversed or too wide (invalid-request).', problem: true },
        ...sessionResponses,
      },
      async handler({ session, query, reply }) {
        const from = new Date(query.from);
        const to = new Date(query.to);
        if (to <= from || to.getTime() - from.getTime() > maxRangeDays * 86_400_000)
          return badRequest(
            reply,
            `\`to\` must follow \`from\` by at most ${String(maxRangeDays)} days.`,
            {},
          );
        reply.header('Cache-Control', 'no-store');
        const range = await calendar.occurrences(box(session), from, to);
        return {
          events: range.events.map(view),
          occurrences: range.occurrences.map((o) => ({
            ...o,
            eventId: String(o.eventId),
            startsAt: o.startsAt.toISOString(),
            endsAt: o.endsAt.toISOString(),
          })),
        };
      },
    }),
    apiRoute({
      ...base,
      method: 'POST',
      url: '/api/v1/calendar/events',
      operationId: 'createCalendarEvent',
      summary: 'Add an event.',
      body: eventFieldsSchema,
      responses: { 201: { description: 'Added.', schema: eventSchema }, 400: invalid, ...sessionResponses },
      handler: async ({ session, body, reply }) =>
        answer(reply, await calendar.create(box(session), body), true),
    }),
    apiRoute({
      ...base,
      method: 'GET',
      url: '/api/v1/calendar/export',
      operationId: 'exportCalendar',
      summary: 'Every event as iCalendar (RFC 5545), to save as an .ics file.',
      responses: { 200: { description: 'The .ics file.', mediaType: 'text/calendar' }, ...sessionResponses },
      handler: async ({ session, reply }) =>
        ics(reply, (await calendar.exportIcs(box(session))) ?? '', 'calendar.ics'),
    }),
    apiRoute({
      ...base,
      method: 'POST',
      url: '/api/v1/calendar/import',
      operationId: 'importCalendar',
      summary:
        'Add (or, by UID, replace) the VEVENTs of an iCalendar file; each one left out is reported with why.',
      body: importBody,
      responses: {
        200: { description: 'How many were added, and the events left out.', schema: importReportSchema },
        400: {
          description: 'Not iCalendar: `icsLine` and `icsReason` say where and what (invalid-request).',
          problem: true,
        },
        ...sessionResponses,
      },
      async handler({ session, body, reply }) {
        const outcome = await calendar.importIcs(box(session), body.ics);
        if (outcome.kind === 'not-icalendar')
          return badRequest(
            reply,
            `Not an iCalendar file: line ${String(outcome.line)}: ${outcome.reason}.`,
            {
              icsLine: outcome.line,
              icsReason: outcome.reason,
            },
          );
        return { imported: outcome.imported, rejected: outcome.rejected };
      },
    }),
    apiRoute({
      ...base,
      method: 'GET',
      url: '/api/v1/calendar/events/:id',
      operationId: 'getCalendarEvent',
      summary: 'One event.',
      params: idParams,
      responses: {
        200: { description: 'The event.', schema: eventSchema },
        404: noEvent,
        ...sessionResponses,
      },
      async handler({ session, params, reply }) {
        const event = await calendar.get(box(session), Number(params.id));
        if (event === undefined) return notFound(reply, 'There is no such event.');
        return view(event);
      },
    }),
    apiRoute({
      ...base,
      method: 'GET',
      url: '/api/v1/calendar/events/:id/ics',
      operationId: 'exportCalendarEvent',
      summary: 'One event as iCalendar.',
      params: idParams,
      responses: {
        200: { description: 'The .ics file.', mediaType: 'text/calendar' },
        404: noEvent,
        ...sessionResponses,
      },
      async handler({ session, params, reply }) {
        const text = await calendar.exportIcs(box(session), Number(params.id));
        if (text === undefined) return notFound(reply, 'There is no such event.');
        return ics(reply, text, `event-${params.id}.ics`);
      },
    }),
    apiRoute({
      ...base,
      method: 'PATCH',
      url: '/api/v1/calendar/events/:id',
      operationId: 'updateCalendarEvent',
      summary: 'Replace an event’s fields (those left out take their defaults).',
      params: idParams,
      body: eventFieldsSchema,
      responses: {
        200: { description: 'The event after the change.', schema: eventSchema },
        400: invalid,
        404: noEvent,
        ...sessionResponses,
      },
      handler: async ({ session, params, body, reply }) =>
        answer(reply, await calendar.update(box(session), Number(params.id), body), false),
    }),
    apiRoute({
      ...base,
      method: 'DELETE',
      url: '/api/v1/calendar/events/:id',
      operationId: 'deleteCalendarEvent',
      summary: 'Delete an event (every occurrence).',
      params: idParams,
      responses: { 204: { description: 'Deleted.' }, 404: noEvent, ...sessionResponses },
      async handler({ session, params, reply }) {
        if (!(await calendar.remove(box(session), Number(params.id))))
          return notFound(reply, 'There is no such event.');
        return reply.code(204).send();
      },
    }),
  ];
}
