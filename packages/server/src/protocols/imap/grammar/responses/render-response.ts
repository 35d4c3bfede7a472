/**
 * Every server response as one typed union (`ImapResponse`) and its exact bytes (RFC 9051 §7,
 * RFC 3501 §7): status responses with response codes, continuation requests, untagged data and FETCH.
 * Text is kept on one line (CR/LF become spaces) so a response can never inject another.
 */

import { renderResponseCode, type ResponseCode } from './response-code.ts';
import { writeFetchResponse, type FetchItem } from './fetch-response.ts';
import { writeMailboxData, type MailboxDataResponse } from './mailbox-data.ts';
import { writeSearchData, type SearchDataResponse } from './search-data.ts';
import { writeServerData, type ServerDataResponse } from './server-data.ts';
import { WireWriter, type WireOptions } from './wire-writer.ts';

export type StatusResponse =
  /** `tag OK|NO|BAD [code] text`. */
  | {
      readonly kind: 'tagged';
      readonly tag: string;
      readonly status: 'OK' | 'NO' | 'BAD';
      readonly code?: ResponseCode;
      readonly text: string;
    }
  /** `* OK|NO|BAD|PREAUTH|BYE [code] text`. */
  | {
      readonly kind: 'untagged';
      readonly status: 'OK' | 'NO' | 'BAD' | 'PREAUTH' | 'BYE';
      readonly code?: ResponseCode;
      readonly text: string;
    }
  /** `+ text` (e.g. before a synchronising literal or during IDLE). */
  | { readonly kind: 'continue'; readonly text: string }
  /** `+ base64` SASL challenge (RFC 9051 §6.2.2); empty data gives `+ `. */
  | { readonly kind: 'challenge'; readonly data: Uint8Array };

export type ImapResponse =
  | StatusResponse
  | MailboxDataResponse
  | SearchDataResponse
  | ServerDataResponse
  | { readonly kind: 'fetch'; readonly sequence: number; readonly items: readonly FetchItem[] };

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

function respText(code: ResponseCode | undefined, text: string): string {
  const body = oneLine(text) === '' ? 'completed' : oneLine(text);
  return code === undefined ? body : `[${renderResponseCode(code)}] ${body}`;
}

/** Writes one response into `out`. */
export function writeResponse(out: WireWriter, response: ImapResponse, options: WireOptions = {}): void {
  const utf8 = options.utf8 === true;
  switch (response.kind) {
    case 'tagged':
      out.text(`${response.tag} ${response.status} ${respText(response.code, response.text)}\r\n`);
      return;
    case 'untagged':
      out.text(`* ${response.status} ${respText(response.code, response.text)}\r\n`);
      return;
    case 'continue':
      out.text(`+ ${oneLine(response.text)}\r\n`);
      return;
    case 'challenge':
      out.text(`+ ${Buffer.from(response.data).toString('base64')}\r\n`);
      return;
    case 'fetch':
      writeFetchResponse(out, response.sequence, response.items);
      return;
    case 'exists':
    case 'recent':
    case 'expunge':
    case 'vanished':
    case 'flags':
    case 'list':
    case 'lsub':
    case 'status':
      writeMailboxData(out, response, utf8);
      return;
    case 'search':
    case 'sort':
    case 'esearch':
    case 'thread':
      writeSearchData(out, response);
      return;
    case 'capability':
    case 'enabled':
    case 'id':
    case 'namespace':
    case 'quota':
    case 'quotaroot':
      writeServerData(out, response, utf8);
      return;
  }
}

/** The exact bytes of one or more responses. */
export function renderResponse(
  response: ImapResponse | readonly ImapResponse[],
  options: WireOptions = {},
): Uint8Array {
  const out = new WireWriter(options);
  const list: readonly ImapResponse[] = Array.isArray(response) ? response : [response as ImapResponse];
  for (const item of list) writeResponse(out, item, options);
  return out.finish();
}
