import { describe, expect, it } from 'vitest';
import { createMutex } from './mutex.js';

describe('createMutex', () => {
  it('runs holders one at a time, in call order, whether the one before succeeded or failed', async () => {
    const lock = createMutex();
    const events: string[] = [];
    const holder = (name: string, fail = false) =>
      lock(async () => {
        events.push(`${name} starts`);
        await new Promise((done) => setTimeout(done, 5));
        events.push(`${name} ends`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([holder('a'), holder('b', true), holder('c')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(events).toEqual(['a starts', 'a ends', 'b starts', 'b ends', 'c starts', 'c ends']);
  });

  it('lets the event loop turn between holders, so I/O that arrived meanwhile is not starved', async () => {
    const lock = createMutex();
    const events: string[] = [];
    // Holders that settle through promises alone, as PGlite's queries do.
    const holders = [1, 2, 3].map((n) =>
      lock(async () => {
        events.push(`holder ${n}`);
        if (n === 1) setImmediate(() => events.push('socket callback'));
      }),
    );
    await Promise.all(holders);
    expect(events).toEqual(['holder 1', 'socket callback', 'holder 2', 'holder 3']);
  });
});
