// Random secrets for sessions and API credentials; only their SM3 is stored.
import { randomBytes, randomUUID } from 'node:crypto';
import { sm3Hex } from './sm3.js';

export function newId(): string {
  return randomUUID();
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function tokenDigest(token: string): string {
  return sm3Hex(token);
}
