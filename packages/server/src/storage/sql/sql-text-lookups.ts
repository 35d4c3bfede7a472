/**
 * The SQL of a lookup in the content-keyed text pieces of migration 41 (decision 0060), for both
 * dialects. A needle the pieces answer exactly (`answeredByPieces`) becomes one lookup: "a piece of
 * the message's text, among the given parts, contains it" (SQLite: the FTS5 trigram index by GLOB,
 * confirmed by `instr`; PostgreSQL: LIKE over pg_trgm, exact with `\ % _` escaped). A longer needle
 * with a space becomes a lookup per space-free run (each lies inside one piece) and a check on the
 * whole text rebuilt from its pieces. Address runs (decision 0049) narrow by the header piece only
 * texts whose addresses are regular.
 */
import { sql, type RawBuilder } from 'kysely';
import type { ContentNeedle } from '../../ports/message-text-index.ts';
import { answeredByPieces, spaceFreeRuns, textParts, type TextPart } from './stored-text-pieces.ts';

type Dialect = 'sqlite' | 'postgres';

/** Some piece of the text, linked as one of `parts`, contains `value`. */
interface PieceLookup {
  readonly value: string;
  readonly parts: readonly TextPart[];
}

/** What every text returned must satisfy. */
export interface TextConditions {
  readonly lookups: readonly PieceLookup[];
  /** Needles checked on the whole header and body text (only those the pieces do not answer). */
  readonly wholeChecks: readonly ContentNeedle[];
  /** Runs that must be in the header piece of a text whose addresses are regular. */
  readonly addressRuns: readonly string[];
}

const bodyParts: readonly TextPart[] = [textParts.body, textParts.seams];
const anyParts: readonly TextPart[] = [textParts.header, textParts.body, textParts.seams];

/** Trigrams are of code points (FTS5 and pg_trgm alike): shorter runs cannot be looked up. */
const lookable = (run: string): boolean => Array.from(run).length >= 3;

/** The conditions of content needles (a TEXT needle in header or body, a BODY needle in the body). */
export function textConditions(
  needles: readonly ContentNeedle[],
  addressRuns: readonly string[] = [],
): TextConditions {
  const lookups: PieceLookup[] = [];
  const wholeChecks: ContentNeedle[] = [];
  for (const needle of needles) {
    const parts = needle.part === 'body' ? bodyParts : anyParts;
    if (answeredByPieces(needle.value)) {
      lookups.push({ value: needle.value, parts });
      continue;
    }
    for (const run of spaceFreeRuns(needle.value).filter(lookable)) lookups.push({ value: run, parts });
    wholeChecks.push(needle);
  }
  return { lookups, wholeChecks, addressRuns };
}

/** A GLOB pattern for "contains `needle`": a metacharacter becomes `?`, a superset `instr` narrows. */
function containsGlob(needle: string): string {
  return `*${needle.replace(/[*?[\]]/g, '?')}*`;
}

/** A LIKE pattern for "contains `needle`", with backslash (PostgreSQL's default) escaping. */
export function containsPattern(needle: string): string {
  return `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The ids of the texts with a piece among `parts` that contains `value`. */
function lookupQuery(dialect: Dialect, lookup: PieceLookup): RawBuilder<unknown> {
  const parts = sql.join(lookup.parts.map((part) => sql`${part}`));
  if (dialect === 'sqlite') {
    // Driven from the FTS5 index (CROSS JOIN fixes the order), each piece found by rowid.
    return sql`select p.text_id from search_texts_fts f
      cross join search_texts s on s.id = f.rowid
      cross join message_text_parts p on p.search_text_id = s.id
      where f.text glob ${containsGlob(lookup.value)} and instr(s.text, ${lookup.value}) > 0
        and p.part in (${parts})`;
  }
  return sql`select p.text_id from search_texts s
    join message_text_parts p on p.search_text_id = s.id
    where s.text like ${containsPattern(lookup.value)} and p.part in (${parts})`;
}

/** The header text of text `t`. */
export function headerText(): RawBuilder<string> {
  return sql<string>`coalesce((select s.text from message_text_parts p
    join search_texts s on s.id = p.search_text_id
    where p.text_id = t.id and p.part = ${textParts.header}), '')`;
}

/** The body text of text `t`: its body pieces in order, joined by one space. */
export function bodyText(dialect: Dialect): RawBuilder<string> {
  const joined =
    dialect === 'sqlite'
      ? sql`group_concat(s.text, ' ' order by p.position)`
      : sql`string_agg(s.text, ' ' order by p.position)`;
  return sql<string>`coalesce((select ${joined} from message_text_parts p
    join search_texts s on s.id = p.search_text_id
    where p.text_id = t.id and p.part = ${textParts.body}), '')`;
}

function contains(dialect: Dialect, text: RawBuilder<string>, needle: string): RawBuilder<unknown> {
  return dialect === 'sqlite' ? sql`instr(${text}, ${needle}) > 0` : sql`strpos(${text}, ${needle}) > 0`;
}

/**
 * `from … where …` over the folder's messages `m` and their texts `t` satisfying `conditions`.
 * SQLite drives from the first lookup's FTS match (an `in (…)` filter on the folder's rows would be
 * probed once per row), then reaches each text's messages through `messages_blob` (the unary plus
 * keeps the folder's index out of it); PostgreSQL's planner chooses.
 */
export function textsOfFolder(
  dialect: Dialect,
  folderId: number,
  conditions: TextConditions,
): RawBuilder<unknown> {
  const [drive, ...rest] = dialect === 'sqlite' ? conditions.lookups : [undefined, ...conditions.lookups];
  const filters: RawBuilder<unknown>[] = rest
    .filter((lookup) => lookup !== undefined)
    .map((lookup) => sql`t.id in (${lookupQuery(dialect, lookup)})`);
  for (const needle of conditions.wholeChecks) {
    const inBody = contains(dialect, bodyText(dialect), needle.value);
    filters.push(
      needle.part === 'body' ? inBody : sql`(${contains(dialect, headerText(), needle.value)} or ${inBody})`,
    );
  }
  for (const run of conditions.addressRuns) {
    const lookup = lookupQuery(dialect, { value: run, parts: [textParts.header] });
    filters.push(sql`(t.addresses_regular = 0 or t.id in (${lookup}))`);
  }
  const where = sql.join(filters.length === 0 ? [sql`1 = 1`] : filters, sql` and `);
  if (drive === undefined) {
    const join = dialect === 'sqlite' ? sql`cross join` : sql`join`;
    return sql`from messages m ${join} message_texts t on t.blob_key = m.blob_key
      where m.folder_id = ${folderId} and ${where}`;
  }
  return sql`from (select distinct text_id from (${lookupQuery(dialect, drive)}) l) c
    cross join message_texts t on t.id = c.text_id
    cross join messages m on m.blob_key = t.blob_key
    where +m.folder_id = ${folderId} and ${where}`;
}
