/**
 * Public surface of the pure IMAP grammar (RFC 3501 IMAP4rev1, RFC 9051 IMAP4rev2 and the extensions
 * named per module): bytes → reader events → typed commands, typed responses → bytes. No I/O here:
 * the IMAP session and command handlers build on this API.
 *
 * @example Driving the reader from a session loop
 * ```ts
 * const reader = createCommandReader({ maxLineBytes: 64 * 1024, maxLiteralBytes: 50 * 1024 * 1024 });
 * const writer = createResponseWriter();
 * for (const event of reader.push(chunk)) {
 *   if (event.kind === 'continue-literal') send(writer.render({ kind: 'continue', text: 'Ready' }));
 *   if (event.kind === 'error') send(writer.render(event.tag === undefined
 *     ? { kind: 'untagged', status: 'BAD', text: event.message }
 *     : { kind: 'tagged', tag: event.tag, status: 'BAD', text: event.message }));
 *   if (event.kind === 'command') handle(parseCommand(event, { utf8: writer.utf8 }));
 * }
 * // After AUTHENTICATE / IDLE / STARTTLS / COMPRESS the reader is paused (reader.paused): call
 * // readContinuationLine() for the next SASL line or DONE, discardBuffered() after STARTTLS, and
 * // resume() to go back to commands. Each of these returns the events the buffered bytes complete.
 * ```
 */

export type { ImapAtom, ImapList, ImapLiteral, ImapQuoted, ImapValue } from './imap-value.ts';
export {
  createCommandReader,
  type CommandReader,
  type CommandReaderOptions,
  type ReaderErrorCode,
  type ReaderEvent,
} from './command-reader.ts';
export {
  parseCommand,
  type CommandBody,
  type ParseFailure,
  type ParsedCommand,
  type RawCommand,
} from './parse-command.ts';
export { ImapParseError } from './imap-parse-error.ts';
export { ArgCursor, normalizeFlag, valueText } from './arg-cursor.ts';
export {
  compressSequenceSet,
  isSequenceSetWithin,
  iterateSequenceSet,
  parseSequenceSet,
  renderSequenceSet,
  resolveSequenceSet,
  sequenceSetContains,
  type SequenceBound,
  type SequenceRange,
  type SequenceSet,
} from './sequence-set.ts';
export {
  decodeMailboxName,
  encodeMailboxName,
  normalizeInbox,
  type MailboxNameOptions,
} from './mailbox-name.ts';
export {
  formatImapDate,
  formatImapDateTime,
  parseImapDate,
  parseImapDateTime,
  type ImapDate,
  type ImapDateTime,
} from './imap-date.ts';
export {
  searchKeyUsesEmailId,
  searchKeyUsesModseq,
  type SearchDateKeyKind,
  type SearchFlagKeyKind,
  type SearchKey,
  type SearchTextKeyKind,
} from './search-key.ts';
export { parseSectionSpec, renderSectionSpec, type BodySection, type SectionText } from './body-section.ts';
export type { AppendCommand, AppendMessage } from './commands/parse-append.ts';
export type { CopyMoveCommand } from './commands/parse-copy-move.ts';
export type { EnableCommand } from './commands/parse-enable.ts';
export type { ExpungeCommand } from './commands/parse-expunge.ts';
export {
  parseFetchAttribute,
  type FetchAttribute,
  type FetchCommand,
  type FetchPartial,
  type SimpleFetchAttributeName,
} from './commands/parse-fetch.ts';
export type { IdCommand, IdField } from './commands/parse-id.ts';
export { isIdleDone } from './commands/parse-idle.ts';
export type { ListCommand, ListReturn, ListSelection, LsubCommand } from './commands/parse-list.ts';
export {
  decodeBase64,
  parseAuthenticateResponse,
  type AuthenticateCommand,
  type AuthenticateResponse,
  type LoginCommand,
} from './commands/parse-login-authenticate.ts';
export type { CreateCommand, MailboxCommand, RenameCommand } from './commands/parse-mailbox-management.ts';
export type {
  GetQuotaCommand,
  GetQuotaRootCommand,
  QuotaLimit,
  SetQuotaCommand,
} from './commands/parse-quota.ts';
export {
  searchReturnOptions,
  type PartialRange,
  type SearchCommand,
  type SearchReturnOption,
} from './commands/parse-search.ts';
export type { QresyncParameters, SelectCommand } from './commands/parse-select.ts';
export {
  simpleCommandNames,
  type SimpleCommand,
  type SimpleCommandName,
} from './commands/parse-simple-command.ts';
export { sortKeys, type SortCommand, type SortCriterion, type SortKey } from './commands/parse-sort.ts';
export { statusItems, type StatusCommand, type StatusItem } from './commands/parse-status.ts';
export type { StoreCommand, StoreOperation } from './commands/parse-store.ts';
export type { ThreadCommand } from './commands/parse-thread.ts';
export { createResponseWriter, type ResponseWriter } from './response-writer.ts';
export {
  renderResponse,
  writeResponse,
  type ImapResponse,
  type StatusResponse,
} from './responses/render-response.ts';
export {
  renderResponseCode,
  type ResponseCode,
  type SimpleResponseCodeName,
} from './responses/response-code.ts';
export type { FetchItem } from './responses/fetch-response.ts';
export {
  writeEnvelope,
  type ImapAddress,
  type ImapAddressEntry,
  type ImapAddressGroup,
  type ImapEnvelope,
} from './responses/envelope.ts';
export {
  writeBodyStructure,
  type ImapBodyDisposition,
  type ImapBodyExtension,
  type ImapBodyParameter,
  type ImapBodyStructure,
  type ImapMultipart,
  type ImapSinglePart,
} from './responses/body-structure.ts';
export type { MailboxDataResponse } from './responses/mailbox-data.ts';
export {
  renderThreads,
  type ResultUpdate,
  type SearchDataResponse,
  type ThreadNode,
} from './responses/search-data.ts';
export type { Namespace, QuotaResource, ServerDataResponse } from './responses/server-data.ts';
export { WireWriter, type WireOptions } from './responses/wire-writer.ts';
