/**
 * `pec inspect` of a `.p7m` file (CMS signed-data with encapsulated content): the human summary and
 * the stable JSON (README "pec inspect --json fields", `container` = `signed-data`). The encapsulated
 * message, or the next signed layer, is described under it with the message's own shape.
 */
import type { SignedDataFileDescription } from '@pec/core';
import { describeMessageJson, describeSignatureJson } from './describe-message-json.ts';
import { renderMessageSummary, renderSignatureLines } from './render-message-summary.ts';

const indent = (text: string): string =>
  text
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');

export function renderSignedDataSummary(d: SignedDataFileDescription): string {
  const lines = [
    `Type:            signed-data (.p7m, ${d.encoding.toUpperCase()})`,
    ...renderSignatureLines(d.signature),
    `Content:         ${d.content === null ? '(none: detached signature)' : `${d.content.mediaType}, ${d.content.size} bytes`}`,
  ];
  for (const e of d.errors) lines.push(`Problem:         ${e}`);
  let text = lines.join('\n') + '\n';
  if (d.message !== null) text += `Encapsulated message:\n${indent(renderMessageSummary(d.message))}`;
  if (d.inner !== null) text += `Encapsulated signed-data:\n${indent(renderSignedDataSummary(d.inner))}`;
  return text;
}

export function describeSignedDataJson(d: SignedDataFileDescription): Record<string, unknown> {
  return {
    container: 'signed-data',
    encoding: d.encoding,
    signature: describeSignatureJson(d.signature),
    content: d.content,
    message: d.message === null ? null : describeMessageJson(d.message),
    inner: d.inner === null ? null : describeSignedDataJson(d.inner),
    errors: d.errors,
  };
}
