import { describe, expect, it } from 'vitest';
import { findNul } from './nul-guard.js';

describe('findNul', () => {
  it('names the path of the first NUL in a value or a key, and passes text without one', () => {
    expect(findNul({ records: [{ name: '张三', phone: '138\u00000000' }] }, 'body')).toBe('body/records/0/phone');
    expect(findNul({ ['a\u0000']: 1 }, 'body')).toBe('body');
    expect(findNul({ q: '示例 "a" OR 1=1 --', n: 1, b: true, x: null }, 'querystring')).toBeNull();
    // a query string's object, as Fastify's parser makes it: a prototype that is not Object's
    const query = Object.create(Object.create(null));
    query.actor = 'a\u0000b';
    expect(findNul(query, 'querystring')).toBe('querystring/actor');
  });

  it('walks a deeply nested body without overflowing the stack, and leaves a file body alone', () => {
    let deep: unknown = 'a\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findNul(deep, 'body')).toMatch(/^body(\/0)+$/);
    expect(findNul(Buffer.from([0x61, 0x00]), 'body')).toBeNull();
  });
});
