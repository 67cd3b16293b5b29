// SM4 (GB/T 32907) field encryption from Node's OpenSSL. Node exposes no sm4-gcm, so this is CBC with a
// random IV plus an SM3-HMAC over IV‖ciphertext (encrypt-then-MAC): authenticated encryption.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const VERSION = 'v1';

export function sm4Encrypt(plaintext: string, key: Buffer): string {
  if (key.length !== 32) throw new Error('SM4 field key must be 32 bytes (16 for SM4, 16 for the SM3-HMAC)');
  const iv = randomBytes(16);
  const cipher = createCipheriv('sm4-cbc', key.subarray(0, 16), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const mac = createHmac('sm3', key.subarray(16)).update(iv).update(body).digest();
  return `${VERSION}:${iv.toString('base64')}:${body.toString('base64')}:${mac.toString('base64')}`;
}

export function sm4Decrypt(token: string, key: Buffer): string {
  const [version, ivB64, bodyB64, macB64] = token.split(':');
  if (version !== VERSION || !ivB64 || !bodyB64 || !macB64) throw new Error('not an SM4 field token');
  const iv = Buffer.from(ivB64, 'base64');
  const body = Buffer.from(bodyB64, 'base64');
  const expected = createHmac('sm3', key.subarray(16)).update(iv).update(body).digest();
  const mac = Buffer.from(macB64, 'base64');
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) throw new Error('SM4 field token failed authentication');
  const decipher = createDecipheriv('sm4-cbc', key.subarray(0, 16), iv);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}
