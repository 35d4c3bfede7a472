/**
 * Model-checked stress: six sessions on one folder over real sockets (two with QRESYNC, one with
 * CONDSTORE, one IMAP4rev2, two plain IMAP4rev1) run a bounded, seeded sequence of SELECT, FETCH,
 * STORE, EXPUNGE, APPEND, COPY, SEARCH, NOOP and IDLE at the same time. Every response line goes
 * through a model of the session's view (`testing/session-view-model.ts`); the test adds what
 * only the driver knows: new UIDs above every UID issued before the command, a session's own
 * keyword as it stored it, its own expunges announced before the tagged OK, and, once all are done,
 * one identical view of UIDs and flags in every session. Each session also holds two live results
 * (RFC 5267 §4.3: a UID SEARCH for its neighbour's keyword, a UID SORT by subject of the messages
 * without it), re-registered after each SELECT: every ADDTO / REMOVEFROM must apply to the client's
 * copy (`testing/live-result-model.ts`), and at the end each copy must equal the same search run
 * afresh. Zero violations are expected.
 * `PEC_STRESS_SEED` replays a run; the seed is printed with any violation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openImapConversation, type ImapConversation } from './testing/imap-conversation.ts';
import { startImapTestServer, testMessage, type ImapTestServer } from './testing/imap-test-server.ts';
import { LiveResultModel } from './testing/live-result-model.ts';
import { expandSet, SessionViewModel } from './testing/session-view-model.ts';

const sessionCount = 6;
const operationsPerSession = 45;
const folder = 'Stress';

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
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

type Mode = 'qresync' | 'condstore' | 'rev2' | 'rev1';

interface Driver {
  readonly index: number;
  readonly mode: Mode;
  readonly keyword: string;
  readonly conn: ImapConversation;
  readonly view: SessionViewModel;
  /** The live results it holds, as a client would keep them. */
  readonly live: LiveResultModel;
  /** The keyword its live results watch: the next session's. */
  readonly watched: string;
  /** uid → whether this session's keyword is set, as its own STOREs left it. */
  readonly keywordModel: Map<number, boolean>;
}

describe('IMAP concurrent sessions checked against a model', () => {
  let server: ImapTestServer;
  const open: ImapConversation[] = [];
  const violations: string[] = [];
  const seed = Number(process.env['PEC_STRESS_SEED'] ?? Date.now() % 1_000_000);
  /** Largest UID any completed command has shown; new UIDs must be above it (RFC 9051 §2.3.1.1). */
  let highestUidSeen = 0;
  /** How many of each response kind the models read: the run must have exercised them. */
  const seen = { expunge: 0, vanished: 0, exists: 0, unsolicitedFetch: 0 };
  /** uid → the session that created it (APPENDUID, COPYUID), the only one that expunges it. */
  const owners = new Map<number, number>();

  const connect = async () => {
    const c = await openImapConversation({
      port: server.tlsPort,
      ca: server.ca,
      implicitTls: true,
      timeoutMs: 60_000,
    });
    open.push(c);
    await c.expect(/^\* OK /);
    const account = server.accounts[0];
    await c.transact(`l LOGIN ${account.address} "${account.password}"`, /^l OK /);
    return c;
  };

  const count = (command: string, response: string) => {
    if (/ EXPUNGE$/.test(response)) seen.expunge++;
    if (/^\* VANISHED \d/.test(response)) seen.vanished++;
    if (/ EXISTS$/.test(response)) seen.exists++;
    if (/ FETCH /.test(response) && !/ (FETCH|STORE) /.test(command)) seen.unsolicitedFetch++;
  };

  /** Sends a command, feeds every untagged line to the model, returns the lines and the tagged one. */
  const run = async (d: Driver, line: string) => {
    d.view.command = line.split('\r\n', 1)[0] ?? line;
    const reply = await d.conn.command(line);
    // What the session had been told was gone when a search result arrived: an expunge announced
    // after the result (the store changed while the search ran) does not contradict it.
    // Live-search updates (ADDTO/REMOVEFROM) are not the command's result.
    let goneAtResult: ReadonlySet<number> | undefined;
    for (const response of reply.untagged) {
      if (
        goneAtResult === undefined &&
        /^\* E?SEARCH/.test(response) &&
        !/ (ADDTO|REMOVEFROM) /.test(response)
      )
        goneAtResult = new Set(d.view.gone);
      d.view.read(response);
      d.live.read(response, d.view.gone, (text) => {
        d.view.violation(text);
      });
      count(line, response);
      const uid = /^\* \d+ FETCH \(.*UID (\d+)/.exec(response)?.[1];
      if (uid !== undefined) highestUidSeen = Math.max(highestUidSeen, Number(uid));
    }
    if (!/ OK /.test(reply.tagged) && !/ NO \[EXPUNGEISSUED\]/.test(reply.tagged)) {
      d.view.violation(`answered ${reply.tagged}`);
    }
    return { ...reply, goneAtResult: goneAtResult ?? d.view.gone };
  };

  const select = async (d: Driver) => {
    d.view.reset();
    // SELECT ends the live results (RFC 5267 §4.3); they are asked for again below.
    d.live.reset();
    const reply = await run(d, `s SELECT ${folder}`);
    if (!reply.untagged.some((l) => / EXISTS$/.test(l))) d.view.violation('SELECT without EXISTS');
    if (d.view.count > 0) await run(d, 'f FETCH 1:* (UID FLAGS)');
    d.live.watch('l1', false);
    await run(d, `l1 UID SEARCH RETURN (UPDATE ALL) KEYWORD ${d.watched}`);
    d.live.watch('l2', true);
    await run(d, `l2 UID SORT RETURN (UPDATE ALL) (SUBJECT) UTF-8 UNKEYWORD ${d.watched}`);
  };

  const knownUids = (d: Driver) => d.view.uids().filter((uid) => uid !== 0 && !d.view.gone.has(uid));

  const operations: Record<string, (d: Driver, pick: () => number) => Promise<void>> = {
    async fetch(d, pick) {
      if (d.view.count === 0) return;
      if (d.mode === 'rev1' || pick() < 0.5) {
        await run(d, 'f FETCH 1:* (UID FLAGS)');
        return;
      }
      const uids = knownUids(d);
      const from = uids[Math.floor(pick() * uids.length)] ?? 1;
      await run(d, `f UID FETCH ${from}:* (FLAGS MODSEQ)`);
    },

    async store(d, pick) {
      const uids = knownUids(d);
      const uid = uids[Math.floor(pick() * uids.length)];
      if (uid === undefined) return;
      const add = pick() < 0.6;
      const reply = await run(d, `t UID STORE ${uid} ${add ? '+' : '-'}FLAGS (${d.keyword})`);
      d.keywordModel.set(uid, add);
      const shown = reply.untagged.find((l) => new RegExp(`^\\* \\d+ FETCH \\(.*UID ${uid}[ )]`).test(l));
      if (shown === undefined) {
        // Only its owner expunges a message: one this session owns must still be there.
        if (owners.get(uid) === d.index) d.view.violation(`no FETCH for UID ${uid} after a STORE`);
        return;
      }
      const flags = /FLAGS \(([^)]*)\)/.exec(shown)?.[1]?.split(' ') ?? [];
      if (flags.includes(d.keyword) !== add)
        d.view.violation(`UID ${uid} shows ${shown} after ${add ? '+' : '-'}FLAGS`);
    },

    async expunge(d, pick) {
      const mine = knownUids(d).filter((uid) => owners.get(uid) === d.index);
      const uid = mine[Math.floor(pick() * mine.length)];
      if (uid === undefined) return;
      await run(d, `x UID STORE ${uid} +FLAGS.SILENT (\\Deleted)`);
      await run(d, `x UID EXPUNGE ${uid}`);
      // RFC 9051 §6.4.3: the session's own expunge is announced before the tagged OK.
      if (d.view.uids().includes(uid)) d.view.violation(`UID ${uid} still in the view after UID EXPUNGE`);
      owners.delete(uid);
      d.keywordModel.delete(uid);
    },

    async append(d, pick) {
      const before = highestUidSeen;
      const bytes = testMessage(`stress ${d.index} ${Math.floor(pick() * 1e6)}`);
      const flags = pick() < 0.3 ? `(\\Seen ${d.keyword}) ` : '';
      const reply = await run(d, `a APPEND ${folder} ${flags}{${Buffer.byteLength(bytes)}+}\r\n${bytes}`);
      const uid = Number(/\[APPENDUID \d+ (\d+)\]/.exec(reply.tagged)?.[1]);
      if (!(uid > before)) d.view.violation(`APPENDUID ${uid} not above ${before}`);
      highestUidSeen = Math.max(highestUidSeen, uid);
      owners.set(uid, d.index);
      if (flags !== '') d.keywordModel.set(uid, true);
    },

    async copy(d, pick) {
      const uids = knownUids(d);
      const uid = uids[Math.floor(pick() * uids.length)];
      if (uid === undefined) return;
      const before = highestUidSeen;
      const reply = await run(d, `c UID COPY ${uid} ${folder}`);
      const code = /\[COPYUID \d+ (\S+) (\S+)\]/.exec(reply.tagged);
      // The source may have been expunged meanwhile by its owner: nothing copied, no COPYUID.
      if (code === null) return;
      const [target] = expandSet(code[2] ?? '');
      if (target === undefined || !(target > before))
        d.view.violation(`COPYUID target ${target} not above ${before}`);
      if (target === undefined) return;
      highestUidSeen = Math.max(highestUidSeen, target);
      owners.set(target, d.index);
    },

    async search(d, pick) {
      if (pick() < 0.5) {
        const reply = await run(d, `q SEARCH ALL`);
        const line = reply.untagged.find((l) => /^\* (E?SEARCH)/.test(l)) ?? '';
        const numbers = line.startsWith('* SEARCH')
          ? line.slice(8).trim().split(' ').filter(Boolean).map(Number)
          : expandSet(/ ALL (\S+)/.exec(line)?.[1] ?? '');
        const countThen = d.view.count + reply.untagged.filter((l) => / EXPUNGE$/.test(l)).length;
        for (const n of numbers)
          if (n < 1 || n > countThen) d.view.violation(`SEARCH returned ${n} of ${countThen}`);
        return;
      }
      const reply = await run(d, `q UID SEARCH KEYWORD ${d.keyword}`);
      const line = reply.untagged.find((l) => /^\* (E?SEARCH)/.test(l)) ?? '';
      const found = new Set(
        line.startsWith('* SEARCH')
          ? line.slice(8).trim().split(' ').filter(Boolean).map(Number)
          : expandSet(/ ALL (\S+)/.exec(line)?.[1] ?? ''),
      );
      for (const uid of found) {
        if (reply.goneAtResult.has(uid)) d.view.violation(`UID SEARCH returned ${uid}, announced expunged`);
        if (d.keywordModel.get(uid) === false)
          d.view.violation(`UID SEARCH found ${uid} after -FLAGS ${d.keyword}`);
      }
      for (const [uid, set] of d.keywordModel) {
        if (set && owners.get(uid) === d.index && !found.has(uid))
          d.view.violation(`UID SEARCH missed ${uid}, stored with ${d.keyword}`);
      }
    },

    async noop(d) {
      await run(d, 'n NOOP');
    },

    async idle(d) {
      d.view.command = 'IDLE';
      d.conn.send('i IDLE');
      for (;;) {
        const line = await d.conn.next();
        if (line.startsWith('+')) break;
        d.view.read(line);
        d.live.read(line, d.view.gone, (text) => {
          d.view.violation(text);
        });
        count('IDLE', line);
      }
      d.conn.send('DONE');
      for (;;) {
        const line = await d.conn.next();
        if (line.startsWith('i ')) {
          if (!line.startsWith('i OK')) d.view.violation(`IDLE answered ${line}`);
          break;
        }
        d.view.read(line);
        d.live.read(line, d.view.gone, (text) => {
          d.view.violation(text);
        });
        count('IDLE', line);
      }
    },

    async select(d) {
      await select(d);
    },
  };

  const weights: [keyof typeof operations, number][] = [
    ['fetch', 4],
    ['store', 5],
    ['expunge', 2],
    ['append', 3],
    ['copy', 2],
    ['search', 3],
    ['noop', 2],
    ['idle', 1],
    ['select', 1],
  ];
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  const choose = (value: number): keyof typeof operations => {
    let at = value * total;
    for (const [name, w] of weights) {
      if (at < w) return name;
      at -= w;
    }
    return 'noop';
  };

  before(async () => {
    server = await startImapTestServer();
    const c = await connect();
    await c.transact(`c CREATE ${folder}`, /^c OK/);
    c.close();
    for (let n = 0; n < 10; n++) {
      const uid = await server.deliver(server.accounts[0], folder, testMessage(`stress seed ${n}`));
      owners.set(uid, n % sessionCount);
      highestUidSeen = Math.max(highestUidSeen, uid);
    }
  });
  after(async () => {
    for (const c of open) c.close();
    await server.close();
  });

  it(`${sessionCount} sessions × ${operationsPerSession} operations: every response fits the model`, async () => {
    const modes: Mode[] = ['qresync', 'qresync', 'condstore', 'rev2', 'rev1', 'rev1'];
    const drivers: Driver[] = [];
    for (const [index, mode] of modes.entries()) {
      const conn = await connect();
      const d: Driver = {
        index,
        mode,
        keyword: `$s${index}`,
        conn,
        view: new SessionViewModel(`session ${index} (${mode})`, violations),
        live: new LiveResultModel(),
        watched: `$s${(index + 1) % sessionCount}`,
        keywordModel: new Map(),
      };
      if (mode === 'qresync') await run(d, 'e ENABLE QRESYNC');
      if (mode === 'condstore') await run(d, 'e ENABLE CONDSTORE');
      if (mode === 'rev2') await run(d, 'e ENABLE IMAP4rev2');
      await select(d);
      drivers.push(d);
    }

    await Promise.all(
      drivers.map(async (d) => {
        const pick = random(seed * 31 + d.index);
        for (let n = 0; n < operationsPerSession; n++) await operations[choose(pick())]?.(d, pick);
      }),
    );

    // Quiescent: every session learns everything, then all must agree.
    for (const d of drivers) {
      await run(d, 'n NOOP');
      if (d.view.count > 0) await run(d, 'f FETCH 1:* (UID FLAGS)');
    }
    const reference = drivers[0];
    assert.ok(reference !== undefined);
    const uids = reference.view.uids();
    for (const d of drivers) {
      const mine = d.view.uids();
      if (mine.includes(0)) d.view.violation('UIDs still unknown after FETCH 1:*');
      if (mine.some((uid, i) => i > 0 && uid <= (mine[i - 1] ?? 0)))
        d.view.violation(`UIDs not ascending: ${mine.join(' ')}`);
      if (mine.join(' ') !== uids.join(' '))
        d.view.violation(`view ${mine.join(' ')} differs from ${uids.join(' ')}`);
      for (const message of d.view.messages) {
        const other = reference.view.byUid(message.uid);
        const a = [...(message.flags ?? [])].sort().join(' ');
        const b = [...(other?.flags ?? [])].sort().join(' ');
        if (a !== b) d.view.violation(`UID ${message.uid} flags (${a}), session 0 sees (${b})`);
      }
      for (const [uid, set] of d.keywordModel) {
        const message = d.view.byUid(uid);
        if (message === undefined) continue;
        if ((message.flags?.has(d.keyword) ?? false) !== set)
          d.view.violation(`UID ${uid}: ${d.keyword} ${set ? 'missing' : 'present'} at the end`);
      }
    }
    // Each live result, kept only from ADDTO / REMOVEFROM, equals the search run afresh.
    const allOf = (reply: { untagged: readonly string[] }) => {
      const line = reply.untagged.find((l) => l.startsWith('* ESEARCH')) ?? '';
      const all = / ALL (\S+)/.exec(line)?.[1];
      return all === undefined ? [] : expandSet(all);
    };
    for (const d of drivers) {
      const search = allOf(await run(d, `v1 UID SEARCH RETURN (ALL) KEYWORD ${d.watched}`));
      const sorted = allOf(await run(d, `v2 UID SORT RETURN (ALL) (SUBJECT) UTF-8 UNKEYWORD ${d.watched}`));
      if (d.live.result('l1')?.join(' ') !== search.join(' '))
        d.view.violation(`live SEARCH ${d.live.result('l1')?.join(' ')}, afresh ${search.join(' ')}`);
      if (d.live.result('l2')?.join(' ') !== sorted.join(' '))
        d.view.violation(`live SORT ${d.live.result('l2')?.join(' ')}, afresh ${sorted.join(' ')}`);
    }
    const liveUpdates = drivers.reduce((sum, d) => sum + d.live.updates, 0);

    // A new session sees the same folder.
    const fresh = await connect();
    const check = await fresh.command(`s EXAMINE ${folder}`);
    assert.ok(check.untagged.includes(`* ${uids.length} EXISTS`), check.untagged.join('\n'));

    assert.deepEqual(violations, [], `seed ${seed} (PEC_STRESS_SEED=${seed} replays it)`);
    assert.ok(uids.length > 0);
    // The run exercised what the model checks (other sessions' changes reached each kind of session).
    for (const [kind, n] of Object.entries(seen))
      assert.ok(n > 0, `no ${kind} seen: ${JSON.stringify(seen)}`);
    assert.ok(liveUpdates > 0, 'no ADDTO / REMOVEFROM seen');
  });
});
