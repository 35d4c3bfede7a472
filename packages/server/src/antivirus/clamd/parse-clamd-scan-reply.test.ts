import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClamdError } from './clamd-error.ts';
import { parseClamdVersion } from './create-clamd-scanner.ts';
import { parseClamdScanReply } from './parse-clamd-scan-reply.ts';

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ClamdError, `expected a ClamdError, got ${String(error)}`);
    return error.reason;
  }
  assert.fail('expected a ClamdError');
}

describe('parseClamdScanReply', () => {
  it('reads a clean verdict', () => {
    assert.deepEqual(parseClamdScanReply('stream: OK'), { infected: false });
  });

  it('reads a match with its signature name', () => {
    assert.deepEqual(parseClamdScanReply('stream: Win.Test.EICAR_HDB-1 FOUND'), {
      infected: true,
      signature: 'Win.Test.EICAR_HDB-1',
    });
  });

  it('takes the first of several matches (AllMatchScans)', () => {
    const reply = 'stream: First.Sig FOUND\0stream: Second.Sig FOUND\0';
    assert.deepEqual(parseClamdScanReply(reply), { infected: true, signature: 'First.Sig' });
  });

  it('lets a match win over an error line', () => {
    assert.equal(parseClamdScanReply('Some failure ERROR\nstream: X FOUND').infected, true);
  });

  it('turns the size limit into a size-limit error, never clean', () => {
    assert.equal(
      reasonOf(() => parseClamdScanReply('INSTREAM size limit exceeded. ERROR')),
      'size-limit',
    );
  });

  it('turns Heuristics.Limits.Exceeded (AlertExceedsMax) into size-limit: part was not scanned', () => {
    const reply = 'stream: Heuristics.Limits.Exceeded.MaxFileSize FOUND';
    assert.equal(
      reasonOf(() => parseClamdScanReply(reply)),
      'size-limit',
    );
    const withVirus = 'stream: Heuristics.Limits.Exceeded.MaxScanSize FOUND\0stream: Real.Virus FOUND';
    assert.deepEqual(parseClamdScanReply(withVirus), { infected: true, signature: 'Real.Virus' });
    // Other heuristics are detections by policy.
    assert.equal(parseClamdScanReply('stream: Heuristics.Encrypted.Zip FOUND').infected, true);
  });

  it('turns other ERROR lines into scan errors', () => {
    assert.equal(
      reasonOf(() => parseClamdScanReply("Can't allocate memory ERROR")),
      'scan-error',
    );
    assert.equal(
      reasonOf(() => parseClamdScanReply('stream: OK\nlibclamav failure ERROR')),
      'scan-error',
    );
  });

  it('refuses empty and unknown replies', () => {
    for (const reply of ['', '\0', 'PONG', 'stream: ', 'UNKNOWN COMMAND', 'stream: OKAY']) {
      assert.equal(
        reasonOf(() => parseClamdScanReply(reply)),
        'protocol',
        reply,
      );
    }
  });
});

describe('parseClamdVersion', () => {
  it('reads the engine alone (a local database has no version)', () => {
    assert.deepEqual(parseClamdVersion('ClamAV 1.4.6'), { text: 'ClamAV 1.4.6', engine: '1.4.6' });
  });

  it('reads the official database version and date', () => {
    const text = 'ClamAV 1.4.6/27431/Sun Nov 22 09:25:02 2026';
    assert.deepEqual(parseClamdVersion(`${text}\n`), {
      text,
      engine: '1.4.6',
      databaseVersion: 27431,
      databaseDate: 'Sun Nov 22 09:25:02 2026',
    });
  });

  it('refuses anything else', () => {
    assert.equal(
      reasonOf(() => parseClamdVersion('PONG')),
      'protocol',
    );
  });
});
