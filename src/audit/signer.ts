// The platform's SM2 key that signs audit checkpoints and archives. The private key lives in a file
// under the data directory (mode 0600), never in the database; the public key is registered in the
// database so that `audit verify` can check signatures with the database alone.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateSm2KeyPair, sm2KeyId, sm2Sign, sm2Verify } from '../platform/crypto/index.js';

export interface AuditSigner {
  keyId: string;
  publicKey: string;
  sign(message: string): string;
}

export function signerFromKeys(publicKey: string, privateKey: string): AuditSigner {
  const keyId = sm2KeyId(publicKey);
  return { keyId, publicKey, sign: (message) => sm2Sign(message, privateKey, publicKey) };
}

export function keyFilePath(dataDir: string): string {
  return join(dataDir, 'keys', 'platform-sm2.json');
}

/**
 * Loads the platform key, creating it on first start. When the database already trusts other keys,
 * a missing key file is far more likely a wrong --data-dir than a wish for a new key: then a new key
 * is made only if `allowNew` says so (GONGSHU_NEW_SIGNING_KEY=true).
 */
export function loadOrCreateSigner(dataDir: string, knownKeyIds: readonly string[] = [], allowNew = false): AuditSigner {
  const file = keyFilePath(dataDir);
  if (!existsSync(file)) {
    if (knownKeyIds.length > 0 && !allowNew) {
      throw new Error(
        `数据目录中没有平台签名密钥 ${file}，而审计日志由密钥 ${knownKeyIds.join(', ')} 签名：请使用服务器的数据目录 (--data-dir)，` +
          `或设置 GONGSHU_NEW_SIGNING_KEY=true 启用新密钥 (no platform key in this data directory, but the log is signed by other keys)`,
      );
    }
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const pair = generateSm2KeyPair();
    writeFileSync(file, JSON.stringify({ algorithm: 'SM2', ...pair }, null, 2), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  const { publicKey, privateKey } = JSON.parse(readFileSync(file, 'utf8')) as { publicKey: string; privateKey: string };
  return signerFromKeys(publicKey, privateKey);
}

export function checkpointMessage(seq: number, hash: string, at: string): string {
  return `gongshu-checkpoint-v1|${seq}|${hash}|${at}`;
}

export function verifySignature(message: string, signature: string, publicKey: string): boolean {
  return sm2Verify(message, signature, publicKey);
}
