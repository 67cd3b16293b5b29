// SM3 (GB/T 32905): the audit chain's hash and the platform's checksums, from Node's OpenSSL.
import { createHash } from 'node:crypto';

export function sm3Hex(data: string | Uint8Array): string {
  return createHash('sm3').update(data).digest('hex');
}

export function sm3Stream() {
  return createHash('sm3');
}
