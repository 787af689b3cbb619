import { describe, expect, it } from 'vitest';
import { batchWhileBusy, type Settled, settleEach } from './batch-while-busy.js';

/** A batch runner whose batches finish only when the test says so, recording what each held. */
function controlledRunner() {
  const batches: number[][] = [];
  const finishers: (() => void)[] = [];
  const run = (items: readonly number[]) => {
    batches.push([...items]);
    return new Promise<Settled<number>[]>((resolve) => {
      finishers.push(() =>
        resolve(
          items.map((n) =>
            n < 0 ? { ok: false, error: new Error(`bad ${n}`) } : { ok: true, value: n * 10 },
          ),
        ),
      );
    });
  };
  const finishNext = async () => {
    finishers.shift()?.();
    await new Promise((done) => setImmediate(done));
  };
  return { run, batches, finishNext };
}

describe('batchWhileBusy', () => {
  it('runs a call at once when idle, and gathers the calls made meanwhile into the next batch', async () => {
    const { run, batches, finishNext } = controlledRunner();
    const call = batchWhileBusy(run, { maxInFlight: 1, maxBatch: 10 });
    const first = call(1);
    expect(batches).toEqual([[1]]);
    const rest = [call(2), call(3), call(4)];
    expect(batches).toEqual([[1]]);
    await finishNext();
    expect(await first).toBe(10);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    await finishNext();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
  });

  it('keeps batches within maxBatch and runs up to maxInFlight at once', async () => {
    const { run, batches, finishNext } = controlledRunner();
    const call = batchWhileBusy(run, { maxInFlight: 2, maxBatch: 2 });
    const results = [1, 2, 3, 4, 5, 6].map((n) => call(n));
    expect(batches).toEqual([[1], [2]]);
    await finishNext();
    expect(batches).toEqual([[1], [2], [3, 4]]);
    await finishNext();
    await finishNext();
    await finishNext();
    expect(batches).toEqual([[1], [2], [3, 4], [5, 6]]);
    expect(await Promise.all(results)).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('fails only the call whose outcome failed', async () => {
    const { run, finishNext } = controlledRunner();
    const call = batchWhileBusy(run, { maxInFlight: 1, maxBatch: 10 });
    const busy = call(0);
    const good = call(7);
    const bad = call(-1).catch((error: unknown) => error);
    await finishNext();
    await finishNext();
    expect(await busy).toBe(0);
    expect(await good).toBe(70);
    expect(await bad).toEqual(new Error('bad -1'));
  });

  it('fails every call of a batch that failed as a whole, and goes on with the next', async () => {
    let runs = 0;
    const call = batchWhileBusy(
      async (items: readonly number[]) => {
        runs++;
        if (runs === 2) throw new Error('connection lost');
        return items.map((n) => ({ ok: true, value: n }) as const);
      },
      { maxInFlight: 1, maxBatch: 10 },
    );
    const first = call(1);
    const lost = [call(2), call(3)].map((p) => p.catch((error: unknown) => error));
    expect(await first).toBe(1);
    expect(await Promise.all(lost)).toEqual([new Error('connection lost'), new Error('connection lost')]);
    expect(await call(4)).toBe(4);
  });
});

describe('settleEach', () => {
  it('returns the batch result when the batch succeeds, without running any call alone', async () => {
    const alone: number[] = [];
    const settled = await settleEach(
      [1, 2],
      async (items) => items.map((n) => n + 1),
      async (n) => {
        alone.push(n);
        return n;
      },
    );
    expect(settled).toEqual([
      { ok: true, value: 2 },
      { ok: true, value: 3 },
    ]);
    expect(alone).toEqual([]);
  });

  it('runs each call alone when the batch fails, so that one bad call fails alone', async () => {
    const settled = await settleEach(
      [1, -2, 3],
      async () => {
        throw new Error('constraint violated');
      },
      async (n) => {
        if (n < 0) throw new Error(`bad ${n}`);
        return n;
      },
    );
    expect(settled.map((s) => s.ok)).toEqual([true, false, true]);
    expect(settled[1]).toMatchObject({ ok: false, error: new Error('bad -2') });
  });

  it('reports a batch of one as failed without running it again', async () => {
    let alone = 0;
    const settled = await settleEach(
      [1],
      async () => {
        throw new Error('down');
      },
      async (n) => {
        alone++;
        return n;
      },
    );
    expect(settled).toEqual([{ ok: false, error: new Error('down') }]);
    expect(alone).toBe(0);
  });
});
