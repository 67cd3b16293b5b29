// Deterministic ids for demo objects: the same demo city on every machine and every run.
import { sm3Hex } from '../platform/crypto/index.js';

export function demoId(kind: string, code: string): string {
  const h = sm3Hex(`gongshu-demo|${kind}|${code}`);
  // shaped as an RFC 9562 version-8 (custom) UUID
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
