import { describe, expect, it } from 'vitest';
import { normalizeParams } from './params.js';

describe('Rails-style form and query parameters', () => {
  it('turns key[] into arrays and key[sub] into objects', () => {
    expect(
      normalizeParams([
        ['status', 'hola'],
        ['media_ids[]', '1'],
        ['media_ids[]', '2'],
        ['poll[options][]', 'sí'],
        ['poll[options][]', 'no'],
        ['poll[expires_in]', '3600'],
      ]),
    ).toEqual({ status: 'hola', media_ids: ['1', '2'], poll: { options: ['sí', 'no'], expires_in: '3600' } });
  });

  it('ignores prototype-polluting keys', () => {
    const out = normalizeParams([['__proto__[admin]', 'true'], ['a[constructor][x]', '1']]);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(Object.keys(out)).not.toContain('__proto__');
  });
});
