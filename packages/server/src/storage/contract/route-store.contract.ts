/**
 * Contract of RouteStore for every adapter: routes keep every field, domains are case-insensitive,
 * setting a known domain replaces its route and keeps its creation time, `find` falls back to the
 * `*` route, listings are ordered by domain, deletes report whether a route existed, invalid values
 * are refused, and routes written in a rolled-back transaction do not exist.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Clock } from '../../ports/clock.ts';
import { isStorageError } from '../../ports/storage-error.ts';
import { withStorage, type StorageHarness } from './storage-harness.ts';

export function describeRouteStore(name: string, harness: StorageHarness): void {
  void describe(`RouteStore contract (${name})`, () => {
    void it('sets, gets, replaces and lists routes, case-insensitively', async () => {
      let now = new Date('2026-05-10T10:00:00.000Z');
      const clock: Clock = { now: () => now };
      await withStorage(
        harness,
        async (storage) => {
          const first = await storage.routes.set({
            domain: 'PEC.Other.example',
            host: 'MX.Other.example',
            port: 2525,
          });
          assert.deepEqual(first, {
            replaced: false,
            route: {
              domain: 'pec.other.example',
              host: 'mx.other.example',
              port: 2525,
              tls: null,
              createdAt: now,
              updatedAt: now,
            },
          });
          assert.deepEqual(await storage.routes.get('pec.OTHER.example'), first.route);
          const created = now;
          now = new Date('2026-05-11T10:00:00.000Z');
          const second = await storage.routes.set({
            domain: 'pec.other.example',
            host: '127.0.0.1',
            port: 25,
            tls: 'required',
          });
          assert.equal(second.replaced, true);
          assert.deepEqual(second.route, {
            domain: 'pec.other.example',
            host: '127.0.0.1',
            port: 25,
            tls: 'required',
            createdAt: created,
            updatedAt: now,
          });
          await storage.routes.set({ domain: 'a.example', host: '::1', port: 587, tls: 'none' });
          await storage.routes.set({
            domain: '*',
            host: 'smarthost.example',
            port: 25,
            tls: 'opportunistic',
          });
          assert.deepEqual(
            (await storage.routes.list()).map((route) => [route.domain, route.host, route.port, route.tls]),
            [
              ['*', 'smarthost.example', 25, 'opportunistic'],
              ['a.example', '::1', 587, 'none'],
              ['pec.other.example', '127.0.0.1', 25, 'required'],
            ],
          );
        },
        { clock },
      );
    });

    void it('finds the route of a domain, else the * route, else nothing', async () => {
      await withStorage(harness, async (storage) => {
        await storage.routes.set({ domain: 'pec.other.example', host: 'mx.other.example', port: 25 });
        assert.equal((await storage.routes.find('PEC.other.example'))?.host, 'mx.other.example');
        assert.equal(await storage.routes.find('gmail.example'), undefined);
        assert.equal(await storage.routes.get('gmail.example'), undefined);
        await storage.routes.set({ domain: '*', host: 'smarthost.example', port: 25 });
        assert.equal((await storage.routes.find('gmail.example'))?.host, 'smarthost.example');
        assert.equal((await storage.routes.find('pec.other.example'))?.host, 'mx.other.example');
        assert.equal(await storage.routes.get('gmail.example'), undefined);
      });
    });

    void it('deletes routes and reports whether one existed', async () => {
      await withStorage(harness, async (storage) => {
        await storage.routes.set({ domain: 'pec.other.example', host: 'mx.other.example', port: 25 });
        assert.equal(await storage.routes.delete('PEC.OTHER.EXAMPLE'), true);
        assert.equal(await storage.routes.delete('pec.other.example'), false);
        assert.deepEqual(await storage.routes.list(), []);
      });
    });

    void it('refuses malformed domains, hosts, ports and TLS policies', async () => {
      await withStorage(harness, async (storage) => {
        const bad = [
          { domain: 'not a domain', host: 'mx.example', port: 25 },
          { domain: '-x.example', host: 'mx.example', port: 25 },
          { domain: 'x.example', host: 'mx example', port: 25 },
          { domain: 'x.example', host: '[::1]', port: 25 },
          { domain: 'x.example', host: 'mx.example', port: 0 },
          { domain: 'x.example', host: 'mx.example', port: 65536 },
          { domain: 'x.example', host: 'mx.example', port: 25.5 },
        ];
        for (const route of bad) {
          await assert.rejects(storage.routes.set(route), (error) => isStorageError(error, 'invalid'));
        }
        await assert.rejects(
          // @ts-expect-error -- an unknown policy from an untyped caller
          storage.routes.set({ domain: 'x.example', host: 'mx.example', port: 25, tls: 'always' }),
          (error) => isStorageError(error, 'invalid'),
        );
        assert.deepEqual(await storage.routes.list(), []);
      });
    });

    void it('keeps routes of a rolled-back transaction out', async () => {
      await withStorage(harness, async (storage) => {
        await assert.rejects(
          storage.transaction(async (tx) => {
            await tx.routes.set({ domain: 'pec.other.example', host: 'mx.other.example', port: 25 });
            assert.equal((await tx.routes.get('pec.other.example'))?.port, 25);
            throw new Error('roll back');
          }),
          /roll back/,
        );
        assert.equal(await storage.routes.get('pec.other.example'), undefined);
      });
    });
  });
}
