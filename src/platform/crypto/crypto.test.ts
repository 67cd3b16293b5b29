import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import {
  canonicalJson,
  generateSm2KeyPair,
  hashPassword,
  sm2Sign,
  sm2Verify,
  sm3Hex,
  sm4Decrypt,
  sm4Encrypt,
  verifyPassword,
} from './index.js';

describe('SM3', () => {
  it('matches the GB/T 32905 example vectors', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3Hex('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });
});

describe('SM2 signatures', () => {
  it('verifies its own signature and refuses a changed message, signature or key', () => {
    const a = generateSm2KeyPair();
    const b = generateSm2KeyPair();
    const sig = sm2Sign('checkpoint|42|abc', a.privateKey, a.publicKey);
    expect(sm2Verify('checkpoint|42|abc', sig, a.publicKey)).toBe(true);
    expect(sm2Verify('checkpoint|43|abc', sig, a.publicKey)).toBe(false);
    expect(sm2Verify('checkpoint|42|abc', sig, b.publicKey)).toBe(false);
    const flipped = sig.slice(0, -2) + (sig.endsWith('00') ? '01' : '00');
    expect(sm2Verify('checkpoint|42|abc', flipped, a.publicKey)).toBe(false);
    expect(sm2Verify('checkpoint|42|abc', 'not-hex', a.publicKey)).toBe(false);
  });
});

describe('SM4 field encryption', () => {
  const key = randomBytes(32);
  it('round-trips Chinese text and uses a fresh IV each time', () => {
    const a = sm4Encrypt('示例市公安局 350500199001011234', key);
    const b = sm4Encrypt('示例市公安局 350500199001011234', key);
    expect(a).not.toBe(b);
    expect(sm4Decrypt(a, key)).toBe('示例市公安局 350500199001011234');
  });
  it('refuses a tampered ciphertext or a wrong key', () => {
    const token = sm4Encrypt('secret', key);
    const parts = token.split(':');
    const body = Buffer.from(parts[2]!, 'base64');
    body[0] ^= 1;
    parts[2] = body.toString('base64');
    expect(() => sm4Decrypt(parts.join(':'), key)).toThrow(/authentication/);
    expect(() => sm4Decrypt(token, randomBytes(32))).toThrow(/authentication/);
  });
});

describe('passwords', () => {
  it('verifies the right password only, with a per-hash salt', async () => {
    const h1 = await hashPassword('Gongshu@2026');
    const h2 = await hashPassword('Gongshu@2026');
    expect(h1).not.toBe(h2);
    expect(await verifyPassword('Gongshu@2026', h1)).toBe(true);
    expect(await verifyPassword('gongshu@2026', h1)).toBe(false);
    expect(await verifyPassword('Gongshu@2026', 'garbage')).toBe(false);
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
  });
});
