import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSectionSpec, renderSectionSpec } from './body-section.ts';

describe('body sections (RFC 9051 §6.4.5)', () => {
  it('parses and re-renders every section form', () => {
    const cases: Array<[string, string]> = [
      ['', ''],
      ['HEADER', 'HEADER'],
      ['text', 'TEXT'],
      ['1', '1'],
      ['1.2.3', '1.2.3'],
      ['2.MIME', '2.MIME'],
      ['4.2.HEADER', '4.2.HEADER'],
      ['3.TEXT', '3.TEXT'],
      ['HEADER.FIELDS (DATE FROM)', 'HEADER.FIELDS (DATE FROM)'],
      [
        'header.fields.not ("X-Riferimento-Message-ID" Received)',
        'HEADER.FIELDS.NOT (X-Riferimento-Message-ID Received)',
      ],
      ['1.HEADER.FIELDS (Subject)', '1.HEADER.FIELDS (Subject)'],
    ];
    for (const [spec, rendered] of cases) {
      const section = parseSectionSpec(spec);
      assert.ok(section !== null, spec);
      assert.equal(renderSectionSpec(section), rendered, spec);
    }
    assert.deepEqual(parseSectionSpec('1.2.HEADER.FIELDS (A "B")'), {
      part: [1, 2],
      text: 'HEADER.FIELDS',
      fields: ['A', 'B'],
    });
  });

  it('rejects malformed sections', () => {
    for (const spec of [
      'MIME',
      '0',
      '1.',
      '.1',
      '1..2',
      '1HEADER',
      'HEADER.FIELDS',
      'HEADER.FIELDS ()',
      'HEADER.FIELDS (A:B)',
      'HEADER.FIELDS (A) x',
      'FOO',
      '01',
    ]) {
      assert.equal(parseSectionSpec(spec), null, spec);
    }
  });
});
