export { sm3Hex, sm3Stream } from './sm3.js';
export { generateSm2KeyPair, sm2Sign, sm2Verify, sm2KeyId } from './sm2.js';
export type { Sm2KeyPair } from './sm2.js';
export { sm4Encrypt, sm4Decrypt } from './sm4.js';
export { hashPassword, verifyPassword, dummyPasswordHash } from './password.js';
export { newId, randomToken, tokenDigest } from './tokens.js';
export { canonicalJson } from './canonical-json.js';
