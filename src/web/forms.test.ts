import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './forms.js';

describe('return paths after a form post', () => {
  it('keeps local paths with their query', () => {
    expect(safeReturnPath('/@ana/12?x=1', '/')).toBe('/@ana/12?x=1');
  });

  it('never leads off the site, whatever tricks the value uses', () => {
    for (const value of ['https://evil.example/', '//evil.example', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', 'javascript:alert(1)', '', 42]) {
      expect(safeReturnPath(value, '/fallback')).toBe('/fallback');
    }
  });
});
