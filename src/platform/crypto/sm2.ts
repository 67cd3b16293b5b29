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

// A verifier checks many signatures by the same key (every checkpoint): precomputed points make each
// check about four times faster. Few keys ever exist, so the cache stays small.
const precomputed = new Map<string, ReturnType<typeof sm2.precomputePublicKey>>();

export function sm2Verify(message: string, signature: string, publicKey: string): boolean {
  try {
    let point = precomputed.get(publicKey);
    if (!point) {
      point = sm2.precomputePublicKey(publicKey);
      if (precomputed.size > 100) precomputed.clear();
      precomputed.set(publicKey, point);
    }
    return sm2.doVerifySignature(message, signature, point, { hash: true, der: true });
  } catch {
    return false; // a malformed signature is simply not valid
  }
}

/** A short stable id for a public key: the first 16 hex digits of its SM3. */
export function sm2KeyId(publicKey: string): string {
  return sm3Hex(publicKey).slice(0, 16);
}
