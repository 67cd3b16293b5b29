// What the numbers were measured on: CPU, memory, the disk under the scratch files (with a measured
// fsync latency, the floor under every durable commit), Node, SQLite and PostgreSQL versions.
import { closeSync, fdatasyncSync, openSync, readFileSync, realpathSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { median } from './measure.js';

export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  disk: {
    path: string;
    device: string;
    fsType: string;
    sizeGiB: number;
    rotational: string;
    fdatasyncMedianMs: number;
    fdatasyncP99Ms: number;
  };
  node: string;
  sqlite: string;
  postgres: string | null;
  loadAverage: number[];
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1]!.trim();
  } catch {
    // not Linux
  }
  return cpus()[0]?.model ?? 'unknown';
}

function mountOf(path: string): { device: string; fsType: string } {
  try {
    const real = realpathSync(path);
    let best = { mount: '', device: 'unknown', fsType: 'unknown' };
    for (const line of readFileSync('/proc/mounts', 'utf8').split('\n')) {
      const [device, mount, fsType] = line.split(' ');
      if (!device || !mount || !fsType) continue;
      const inside = real === mount || real.startsWith(mount.endsWith('/') ? mount : `${mount}/`);
      if (inside && mount.length >= best.mount.length) best = { mount, device, fsType };
    }
    return { device: best.device, fsType: best.fsType };
  } catch {
    return { device: 'unknown', fsType: 'unknown' };
  }
}

function rotational(device: string): string {
  const name = device.replace(/^\/dev\//, '').replace(/p?\d+$/, '');
  try {
    return readFileSync(`/sys/block/${name}/queue/rotational`, 'utf8').trim() === '1' ? 'reported rotational' : 'reported non-rotational';
  } catch {
    return 'unknown';
  }
}

/** Median and p99 latency of a 4 KiB write + fdatasync, measured for about `seconds`. */
function fdatasyncLatency(dir: string, seconds = 1): { medianMs: number; p99Ms: number } {
  const file = join(dir, `fsync-probe-${process.pid}`);
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(4096, 7);
  const samples: number[] = [];
  try {
    const end = performance.now() + seconds * 1000;
    for (let i = 0; performance.now() < end && i < 5000; i++) {
      const t = performance.now();
      writeSync(fd, block, 0, block.length, (i % 256) * 4096);
      fdatasyncSync(fd);
      samples.push(performance.now() - t);
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  samples.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return { medianMs: round(median(samples)), p99Ms: round(samples[Math.floor(samples.length * 0.99)] ?? NaN) };
}

export function sqliteVersion(): string {
  const db = new BetterSqlite3(':memory:');
  try {
    return (db.prepare('select sqlite_version() as v').get() as { v: string }).v;
  } finally {
    db.close();
  }
}

export function machineInfo(scratchDir: string, postgres: string | null): MachineInfo {
  const { device, fsType } = mountOf(scratchDir);
  const fs = statfsSync(scratchDir);
  const sync = fdatasyncLatency(scratchDir);
  return {
    nproc: availableParallelism(),
    cpuModel: cpuModel(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    disk: {
      path: scratchDir,
      device,
      fsType,
      sizeGiB: Math.round((fs.blocks * fs.bsize) / 2 ** 30),
      rotational: rotational(device),
      fdatasyncMedianMs: sync.medianMs,
      fdatasyncP99Ms: sync.p99Ms,
    },
    node: process.version,
    sqlite: sqliteVersion(),
    postgres,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
