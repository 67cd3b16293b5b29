// SM2 signatures (GB/T 32918, with the Z value over the default user id) for audit checkpoints and
// archive files. Node's OpenSSL signs ECDSA on the SM2 curve, which is not the SM2 algorithm, so the
// signature itself comes from sm-crypto-v2; the digest inside is SM3.
import { sm2 } from 'sm-crypto-v2';
import { sm3Hex } from './sm3.js';

export interface Sm2KeyPair {
  publicKey: string; // uncompressed point, hex ("04…")
  privateKey: string; // hex
}

export function generateSm2KeyPair(): Sm2KeyPair {
  const { publicKey, privateKey } = sm2.generateKeyPairHex();
  return { publicKey, privateKey };
}

export function sm2Sign(message: string, privateKey: string, publicKey: string): string {
  return sm2.doSignature(message, privateKey, { hash: true, der: true, publicKey });
}

export function sm2Verify(message: string, signature: string, publicKey: string): boolean {
  try {
    return sm2.doVerifySignature(message, signature, publicKey, { hash: true, der: true });
  } catch {
    return false; // a malformed signature is simply not valid
  }
}

/** A short stable id for a public key: the first 16 hex digits of its SM3. */
export function sm2KeyId(publicKey: string): string {
  return sm3Hex(publicKey).slice(0, 16);
}
