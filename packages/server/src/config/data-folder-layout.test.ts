import assert from 'node:assert/strict';
import { isAbsolute, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { dataFolderEntries, dataFolderLayout, resolveDataDir } from './data-folder-layout.ts';

describe('dataFolderLayout', () => {
  it('returns absolute paths inside the folder', () => {
    const layout = dataFolderLayout('/srv/pec');
    assert.deepEqual(layout, {
      root: '/srv/pec',
      configFile: '/srv/pec/pec.config.json',
      databaseFile: '/srv/pec/pec.db',
      blobsDir: '/srv/pec/blobs',
      certsDir: '/srv/pec/certs',
      caCertFile: '/srv/pec/certs/ca.pem',
      signingCertFile: '/srv/pec/certs/signing-cert.pem',
      signingKeyFile: '/srv/pec/certs/signing-key.pem',
      tlsCertFile: '/srv/pec/certs/tls-cert.pem',
      tlsKeyFile: '/srv/pec/certs/tls-key.pem',
      indexFile: '/srv/pec/certs/index.ldif',
      quarantineDir: '/srv/pec/quarantine',
    });
  });

  it('resolves a relative folder against the working directory', () => {
    const layout = dataFolderLayout('data');
    assert.equal(layout.root, resolve('data'));
    for (const path of Object.values(layout)) assert.ok(isAbsolute(path), path);
    assert.equal(Object.keys(layout).length, Object.keys(dataFolderEntries).length + 1);
  });
});

describe('resolveDataDir', () => {
  const cwd = '/home/op';
  it('prefers the flag, then PEC_DATA, then ./data', () => {
    assert.equal(resolveDataDir({ flag: '/srv/a', env: { PEC_DATA: '/srv/b' }, cwd }), '/srv/a');
    assert.equal(resolveDataDir({ env: { PEC_DATA: '/srv/b' }, cwd }), '/srv/b');
    assert.equal(resolveDataDir({ cwd }), join(cwd, 'data'));
  });

  it('treats empty values as absent and resolves relative ones against cwd', () => {
    assert.equal(resolveDataDir({ flag: '', env: { PEC_DATA: '' }, cwd }), join(cwd, 'data'));
    assert.equal(resolveDataDir({ env: { PEC_DATA: 'state/pec' }, cwd }), '/home/op/state/pec');
    assert.equal(resolveDataDir({ flag: '../x/', cwd }), '/home/x');
  });
});
