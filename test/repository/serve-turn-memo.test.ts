/**
 * serve's per-turn memo (src/repository/serve/turn-memo.ts): one lookup per key within an
 * event-loop turn, a fresh one in the next turn, so a changed file is never seen stale later.
 */
import t from 'tap';
import { TurnMemo } from '../../src/repository/serve/turn-memo.js';

void t.test('computed once per key in a turn, again after it', async (t) => {
  const memo = new TurnMemo<number | undefined>();
  let calls = 0;
  const look = (key: string, value: number | undefined): number | undefined => memo.get(key, () => (calls++, value));
  t.equal(look('a', 1), 1);
  t.equal(look('a', 2), 1, 'the same turn: the first value');
  t.equal(look('missing', undefined), undefined);
  t.equal(look('missing', 3), undefined, 'undefined (not found) is remembered too');
  t.equal(calls, 2);
  await new Promise((resolve) => setImmediate(resolve));
  t.equal(look('a', 2), 2, 'the next turn looks again');
  t.equal(calls, 3);
});
