/**
 * The live result model (live-searches.ts) against a client that applies every ADDTO / REMOVEFROM
 * pair in order (RFC 5267 §4.3): after random rounds of new messages, flag changes and expunges,
 * the client's SORT list must equal the result sorted afresh, each REMOVEFROM must name the message
 * at its position, and the SEARCH set must equal the matching messages.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ImapResponse } from './grammar/index.ts';
import { LiveSearches, type SortValues } from './live-searches.ts';

/** mulberry32, seeded so a failure replays. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const identity = { seqOf: (uid: number) => uid };
const all = { kind: 'all' } as const;

/** Applies the pairs of the lines for `tag` to `list` as a client would; returns problems found. */
function apply(lines: readonly ImapResponse[], tag: string, list: number[], set: Set<number>): string[] {
  const problems: string[] = [];
  for (const line of lines) {
    if (line.kind !== 'esearch' || line.tag !== tag) continue;
    for (const update of line.updates ?? []) {
      for (const { position, ids } of update.pairs) {
        if (position === 0) {
          for (const id of ids) {
            if (update.kind === 'ADDTO') set.add(id);
            else if (!set.delete(id)) problems.push(`REMOVEFROM of ${id}, not in the result`);
          }
          continue;
        }
        const [id] = ids;
        if (id === undefined || ids.length !== 1) problems.push(`pair with ${ids.length} ids`);
        else if (update.kind === 'ADDTO') list.splice(position - 1, 0, id);
        else if (list[position - 1] !== id)
          problems.push(`REMOVEFROM (${position} ${id}) but ${list[position - 1]} is there`);
        else list.splice(position - 1, 1);
      }
    }
  }
  return problems;
}

describe('live search results', () => {
  for (const reverse of [false, true]) {
    it(`keep a client's SORT list and SEARCH set equal to the result (REVERSE ${reverse})`, () => {
      const seed = 4242 + (reverse ? 1 : 0);
      const next = random(seed);
      const size = new Map<number, number>();
      const matching = new Set<number>();
      const present = new Set<number>();
      let nextUid = 1;
      const create = () => {
        const uid = nextUid++;
        // Few distinct sizes: ties are ordered by UID.
        size.set(uid, Math.floor(next() * 6));
        present.add(uid);
        if (next() < 0.5) matching.add(uid);
        return uid;
      };
      for (let i = 0; i < 20; i++) create();
      const sort = [{ key: 'SIZE', reverse }] as const;
      const order = (a: number, b: number) =>
        ((size.get(a) ?? 0) - (size.get(b) ?? 0)) * (reverse ? -1 : 1) || a - b;
      const truth = () => [...matching].filter((uid) => present.has(uid)).sort(order);
      const live = new LiveSearches();
      const values = (uid: number): SortValues => [size.get(uid) ?? 0];
      const start = truth();
      live.add(
        {
          tag: 'S',
          uid: true,
          criteria: all,
          sort,
          result: start.map((uid) => ({ uid, values: values(uid) })),
        },
        10,
      );
      live.add(
        { tag: 'Q', uid: true, criteria: all, sort: null, result: start.map((uid) => ({ uid, values: [] })) },
        10,
      );
      const client = [...start];
      const clientSet = new Set(start);
      for (let round = 0; round < 200; round++) {
        const expunged = [...present].filter(() => next() < 0.05);
        for (const uid of expunged) present.delete(uid);
        live.noteVanished(expunged);
        const lines = live.expungeUpdates(identity);
        const checked = new Set<number>();
        for (let i = Math.floor(next() * 4); i > 0; i--) checked.add(create());
        for (const uid of present) {
          if (next() >= 0.1) continue;
          if (matching.has(uid)) matching.delete(uid);
          else matching.add(uid);
          checked.add(uid);
        }
        const uids = [...checked].sort((a, b) => a - b);
        const matches = new Map(uids.filter((uid) => matching.has(uid)).map((uid) => [uid, values(uid)]));
        const evaluation = new Map([
          ['S', matches],
          ['Q', matches],
        ]);
        lines.push(...live.changeUpdates(uids, evaluation, identity));
        const problems = [...apply(lines, 'S', client, new Set()), ...apply(lines, 'Q', [], clientSet)];
        assert.deepEqual(problems, [], `seed ${seed} round ${round}`);
        assert.deepEqual(client, truth(), `seed ${seed} round ${round}`);
        assert.deepEqual(
          [...clientSet].sort((a, b) => a - b),
          [...truth()].sort((a, b) => a - b),
        );
      }
    });
  }

  it('numbers messages by sequence for a search without UID, before the expunge removes them', () => {
    const live = new LiveSearches();
    live.add(
      {
        tag: 'T',
        uid: false,
        criteria: all,
        sort: null,
        result: [
          { uid: 10, values: [] },
          { uid: 30, values: [] },
        ],
      },
      10,
    );
    const view = { seqOf: (uid: number) => [10, 20, 30].indexOf(uid) + 1 || undefined };
    live.noteVanished([30]);
    assert.deepEqual(live.expungeUpdates(view), [
      {
        kind: 'esearch',
        tag: 'T',
        uid: false,
        updates: [{ kind: 'REMOVEFROM', pairs: [{ position: 0, ids: [3] }] }],
      },
    ]);
    assert.equal(live.cancel('T'), true);
    assert.equal(live.cancel('T'), false);
  });

  it('refuses a registration past the limit', () => {
    const live = new LiveSearches();
    const input = (tag: string) => ({ tag, uid: true, criteria: all, sort: null, result: [] });
    assert.equal(live.add(input('a'), 1), true);
    assert.equal(live.add(input('b'), 1), false);
    assert.equal(live.has('b'), false);
    live.clear();
    assert.equal(live.size, 0);
  });
});
