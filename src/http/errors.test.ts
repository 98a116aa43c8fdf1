import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../log.js';
import { errorResponse } from './errors.js';

function appThrowing(err: unknown, lines: string[]) {
  const log = createLogger('debug', 'test', {}, (line) => lines.push(line));
  const hono = new Hono();
  hono.get('/x', () => {
    throw err;
  });
  hono.onError((e, c) => errorResponse(c, e, log));
  return hono;
}

describe('the error mapping', () => {
  it.each(['22P05', '22021', '22003', '22P02', '54000'])('answers a database error only bad input causes (%s) with a 422, logged as a warning without the value', async (code) => {
    const lines: string[] = [];
    const err = Object.assign(new Error('invalid input: "secreto de salud"'), { code });
    const res = await appThrowing(err, lines).request('/x');
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: 'validation_failed' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', sqlState: code });
    expect(lines[0]).not.toContain('secreto');
  });

  it('still answers other unknown errors with a 500 that shows no internals', async () => {
    const lines: string[] = [];
    const res = await appThrowing(Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }), lines).request('/x');
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain('relation');
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'error' });
  });
});
