import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log.js';
import { deleteRedisKeys, testRedisUrl, uniqueRedisPrefix } from '../testing/test-redis.js';
import type { PubSub } from './infra.js';
import { createMemoryPubSub } from './memory-pubsub.js';
import { connectRedisInfra, type RedisInfra } from './redis-infra.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const url = testRedisUrl();
const prefix = uniqueRedisPrefix();
const opened: RedisInfra[] = [];
afterAll(async () => {
  for (const infra of opened) await infra.close();
  await deleteRedisKeys(url, prefix);
});

let n = 0;
const channel = () => `test.channel.${++n}`;

/** `make` returns two adapters standing for two processes (the same one twice in memory). */
function behavesAsPubSub(make: () => Promise<[PubSub, PubSub]>) {
  it('delivers a message, in order, to every subscriber of its channel in every process, never during publish', async () => {
    const [one, two] = await make();
    const ch = channel();
    const there: string[] = [];
    const here: string[] = [];
    await two.subscribe(ch, (m) => void there.push(m));
    await one.subscribe(ch, (m) => void here.push(m));
    const publishing = one.publish(ch, 'first');
    expect(here).toEqual([]);
    await publishing;
    await one.publish(ch, 'second');
    await expect.poll(() => there).toEqual(['first', 'second']);
    await expect.poll(() => here).toEqual(['first', 'second']);
  });

  it('delivers only to subscribers of the channel published on', async () => {
    const [one, two] = await make();
    const [ch, other] = [channel(), channel()];
    const seen: string[] = [];
    await two.subscribe(other, (m) => void seen.push(`other:${m}`));
    await two.subscribe(ch, (m) => void seen.push(`ch:${m}`));
    await one.publish(ch, 'x');
    await expect.poll(() => seen).toEqual(['ch:x']);
  });

  it('stops delivering to a handler once unsubscribed, and keeps delivering to the others', async () => {
    const [one, two] = await make();
    const ch = channel();
    const kept: string[] = [];
    const gone: string[] = [];
    await two.subscribe(ch, (m) => void kept.push(m));
    const unsubscribe = await two.subscribe(ch, (m) => void gone.push(m));
    await one.publish(ch, 'a');
    await expect.poll(() => gone).toEqual(['a']);
    await unsubscribe();
    await one.publish(ch, 'b');
    await expect.poll(() => kept).toEqual(['a', 'b']);
    await sleep(50);
    expect(gone).toEqual(['a']);
  });

  it('keeps delivering to the other handlers when one throws', async () => {
    const [one, two] = await make();
    const ch = channel();
    const seen: string[] = [];
    await two.subscribe(ch, () => {
      throw new Error('handler bug');
    });
    await two.subscribe(ch, (m) => void seen.push(m));
    await one.publish(ch, 'still');
    await expect.poll(() => seen).toEqual(['still']);
  });
}

describe('in-process pub/sub', () => {
  behavesAsPubSub(async () => {
    const pubsub = createMemoryPubSub();
    return [pubsub, pubsub];
  });
});

describe('Redis pub/sub', () => {
  behavesAsPubSub(async () => {
    const open = () => connectRedisInfra(url, { prefix, log: createLogger('silent') });
    const pair = [await open(), await open()] as const;
    opened.push(...pair);
    return [pair[0].pubsub, pair[1].pubsub];
  });

  it('keeps deployments with different prefixes apart', async () => {
    const mine = await connectRedisInfra(url, { prefix, log: createLogger('silent') });
    const otherPrefix = uniqueRedisPrefix();
    const theirs = await connectRedisInfra(url, { prefix: otherPrefix, log: createLogger('silent') });
    opened.push(mine, theirs);
    const ch = channel();
    const seen: string[] = [];
    await theirs.pubsub.subscribe(ch, (m) => void seen.push(m));
    await mine.pubsub.publish(ch, 'not for them');
    await theirs.pubsub.publish(ch, 'theirs');
    await expect.poll(() => seen).toEqual(['theirs']);
    await deleteRedisKeys(url, otherPrefix);
  });
});
