// The platform's SM2 key that signs audit checkpoints, archive anchors and archives. The private key
// lives in a file under the data directory (mode 0600), never in the database. The public key is also
// listed in the database (signing_keys), but that list is only a catalogue: anyone who can write the
// database can add to it, so `audit verify` trusts a key only when it comes from outside the database
// (the key file, --trusted-key) or is linked to such a key by a rotation record (trust.ts).
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

/** The public key of the key file in `dataDir`, or null: reads only, never creates a key. */
export function readPublicKey(dataDir: string): string | null {
  const file = keyFilePath(dataDir);
  if (!existsSync(file)) return null;
  return parsePublicKeyText(readFileSync(file, 'utf8'), file);
}

/**
 * A public key an auditor hands to `audit verify --trusted-key`: the hex itself, or a file holding
 * it (a platform key file, a JSON object with `publicKey`, or the hex as text).
 */
export function parseTrustedKey(value: string): string {
  const text = value.trim();
  if (SM2_PUBLIC_KEY.test(text)) return text.toLowerCase();
  if (!existsSync(text)) throw new Error(`--trusted-key 既不是 SM2 公钥也不是文件：${value} (neither an SM2 public key in hex nor a file)`);
  return parsePublicKeyText(readFileSync(text, 'utf8'), text);
}

// an uncompressed SM2 point: 04, then x and y of 32 bytes each
const SM2_PUBLIC_KEY = /^04[0-9a-fA-F]{128}$/;

function parsePublicKeyText(text: string, source: string): string {
  const trimmed = text.trim();
  if (SM2_PUBLIC_KEY.test(trimmed)) return trimmed.toLowerCase();
  try {
    const parsed = JSON.parse(trimmed) as { publicKey?: unknown };
    if (typeof parsed.publicKey === 'string' && SM2_PUBLIC_KEY.test(parsed.publicKey)) return parsed.publicKey.toLowerCase();
  } catch {
    // not JSON: reported below
  }
  throw new Error(`${source} 中没有 SM2 公钥 (no SM2 public key in this file)`);
}

export function checkpointMessage(seq: number, hash: string, at: string): string {
  return `gongshu-checkpoint-v1|${seq}|${hash}|${at}`;
}

export function verifySignature(message: string, signature: string, publicKey: string): boolean {
  return sm2Verify(message, signature, publicKey);
}

/** What an archive anchor's signature covers: where the live chain starts and which file holds what came before. */
export function anchorMessage(a: {
  seq: number;
  hash: string;
  cutoff: string;
  archiveFile: string;
  archiveSm3: string;
  at: string;
}): string {
  return `gongshu-anchor-v1|${a.seq}|${a.hash}|${a.cutoff}|${a.archiveFile}|${a.archiveSm3}|${a.at}`;
}
