import { describe, expect, it } from 'vitest';
import { attached } from '../../src/engine/once.ts';

describe('a cache attached to the array its values derive from', () => {
  it('computes once per array and key, and never hands one array the values of another', () => {
    const cache = attached<number[], string, number>('test');
    let computed = 0;
    const compute = (value: number) => () => (computed++, value);
    const first = [12, 24];
    const equal = [12, 24];
    expect(cache(first, 'total', compute(36))).toBe(36);
    expect(cache(first, 'total', compute(0))).toBe(36);
    expect(cache(first, 'other', compute(1))).toBe(1);
    expect(cache(equal, 'total', compute(2))).toBe(2);
    expect(cache([...first], 'total', compute(3))).toBe(3); // a copy starts without the cache
    expect(computed).toBe(4);
  });

  it('leaves the array as it was to anyone reading it', () => {
    const owner = [1, 2, 3];
    attached<number[], string, number>('test')(owner, 'sum', () => 6);
    expect(Object.keys(owner)).toEqual(['0', '1', '2']);
    expect(JSON.stringify(owner)).toBe('[1,2,3]');
    expect([...owner]).toEqual([1, 2, 3]);
  });
});
