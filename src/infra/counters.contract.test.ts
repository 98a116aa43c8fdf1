import { describe, expect, it } from 'vitest';
import { redisInfraForTests } from '../testing/redis-infra-for-tests.js';
import type { CounterStore } from './infra.js';
import { createMemoryCounters } from './memory-counters.js';

const openRedis = redisInfraForTests().open;
let n = 0;
const ns = () => `test${++n}`;
const tomorrow = () => new Date(Date.now() + 86_400_000);

function behavesAsACounterStore(make: () => Promise<CounterStore>, second: () => Promise<CounterStore>) {
  it('counts a seen key once per day and namespace, and a new day again', async () => {
    const counters = await make();
    const space = ns();
    expect(await counters.addOnce(space, '2026-12-01', 'item1', 'viewerA', tomorrow())).toBe(true);
    expect(await counters.addOnce(space, '2026-12-01', 'item1', 'viewerA', tomorrow())).toBe(false);
    expect(await counters.addOnce(space, '2026-12-01', 'item1', 'viewerB', tomorrow())).toBe(true);
    expect(await counters.addOnce(space, '2026-12-02', 'item1', 'viewerA', tomorrow())).toBe(true);
    expect(await counters.addOnce(ns(), '2026-12-01', 'item1', 'viewerA', tomorrow())).toBe(true);
    expect(await counters.drain(space)).toEqual(new Map([['item1', 3]]));
  });

  it('drains what is pending once: the next drain starts from nothing, and restore puts counts back', async () => {
    const counters = await make();
    const space = ns();
    // Seen keys are per namespace and day: callers make them per item (the views hash the item in).
    await counters.addOnce(space, '2026-12-01', 'a', 'a:v1', tomorrow());
    await counters.addOnce(space, '2026-12-01', 'b', 'b:v1', tomorrow());
    const first = await counters.drain(space);
    expect(first).toEqual(new Map([['a', 1], ['b', 1]]));
    expect((await counters.drain(space)).size).toBe(0);
    await counters.restore(space, first);
    await counters.addOnce(space, '2026-12-01', 'a', 'a:v2', tomorrow());
    expect(await counters.drain(space)).toEqual(new Map([['a', 2], ['b', 1]]));
  });

  it('shares counts, seen keys and the day secret between two processes of one deployment', async () => {
    const [one, two] = [await make(), await second()];
    const space = ns();
    expect(await one.addOnce(space, '2026-12-01', 'x', 'v', tomorrow())).toBe(true);
    expect(await two.addOnce(space, '2026-12-01', 'x', 'v', tomorrow())).toBe(false);
    const day = `2026-12-${String(10 + (n % 15))}`;
    expect(await one.daySecret(day, tomorrow())).toBe(await two.daySecret(day, tomorrow()));
    expect(await two.drain(space)).toEqual(new Map([['x', 1]]));
  });

  it('gives each day its own secret', async () => {
    const counters = await make();
    const a = await counters.daySecret('2026-11-01', tomorrow());
    const b = await counters.daySecret('2026-11-02', tomorrow());
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(32);
  });
}

describe('memory counters', () => {
  const shared = createMemoryCounters();
  behavesAsACounterStore(async () => shared, async () => shared);

  it('forgets seen keys and the secret once the day is over', async () => {
    let now = Date.parse('2026-12-01T10:00:00Z');
    const counters = createMemoryCounters({ now: () => now });
    const endOfDay = new Date('2026-12-02T00:00:00Z');
    const secret = await counters.daySecret('2026-12-01', endOfDay);
    await counters.addOnce('v', '2026-12-01', 'i', 'k', endOfDay);
    now = endOfDay.getTime() + 1;
    expect(await counters.daySecret('2026-12-01', endOfDay)).not.toBe(secret);
    expect(await counters.addOnce('v', '2026-12-01', 'i', 'k', endOfDay)).toBe(true);
  });
});

describe('Redis counters', () => {
  behavesAsACounterStore(async () => (await openRedis()).counters, async () => (await openRedis()).counters);
});
