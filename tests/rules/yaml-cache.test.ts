import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cachedYaml } from '../../src/yaml.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'qualify-yaml-'));

describe('the parsed-YAML cache', () => {
  it('parses a text once, then reads it back; an edited text, or another kind of parse, parses again', () => {
    const dir = folder();
    const text = 'id: a\nmonths: 12\nlist: [x, y]\n';
    let parses = 0;
    const parsing = (t: string) => () => (parses++, parse(t));
    expect(cachedYaml('rule', text, parsing(text), dir)).toEqual({ id: 'a', months: 12, list: ['x', 'y'] });
    expect(cachedYaml('rule', text, parsing(text), dir)).toEqual({ id: 'a', months: 12, list: ['x', 'y'] });
    expect(parses).toBe(1);
    expect(cachedYaml('rule', text.replace('12', '24'), parsing(text.replace('12', '24')), dir)).toMatchObject({ months: 24 });
    cachedYaml('vocabulary', text, parsing(text), dir);
    expect(parses).toBe(3);
    expect(readdirSync(dir)).toHaveLength(3);
  });

  it('gives back exactly what the parse gave, whatever it is: what JSON cannot hold is parsed every time', () => {
    const special = fc.constantFrom<unknown>(Infinity, -Infinity, NaN, -0, new Date(0), new Map([['a', 1]]), JSON.parse('{"__proto__": {"x": 1}}'));
    const value = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), special, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.string(), tie('value'), { maxKeys: 3 })),
    })).value;
    const dir = folder();
    let run = 0;
    fc.assert(
      fc.property(value, (data) => {
        const text = `text ${run++}`; // the same text always parses alike: each run has its own
        cachedYaml('any', text, () => data, dir);
        const again = cachedYaml('any', text, () => data, dir);
        expect(again).toStrictEqual(data);
        if (typeof again === 'number') expect(Object.is(again, data)).toBe(true);
      }),
    );
  });

  it('still parses when its folder cannot be written, and keeps no half-written file', () => {
    expect(cachedYaml('rule', 'a: 1', () => parse('a: 1'), '/dev/null/cache')).toEqual({ a: 1 });
    const dir = folder();
    cachedYaml('rule', 'a: 1', () => parse('a: 1'), dir);
    const [file] = readdirSync(dir);
    expect(file).toMatch(/^[0-9a-f]{64}\.json$/);
    expect(JSON.parse(readFileSync(join(dir, file!), 'utf8'))).toEqual({ a: 1 });
    // A write that fails half-way (here the rename, onto a folder in the way) leaves nothing behind.
    const blocked = folder();
    const version = (createRequire(import.meta.url)('yaml/package.json') as { version: string }).version;
    mkdirSync(join(blocked, `${createHash('sha256').update(`rule\n${version}\nb: 2`).digest('hex')}.json`));
    expect(cachedYaml('rule', 'b: 2', () => parse('b: 2'), blocked)).toEqual({ b: 2 });
    expect(readdirSync(blocked)).toHaveLength(1);
  });
});
