/**
 * CPU time spent by processes, from Linux's /proc: what a benchmark phase cost the server
 * processes, PostgreSQL's backends and the load generator itself, beside its rate. On a
 * system without /proc the readings are absent and the benches print no CPU lines.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** /proc counts in clock ticks; Linux reports them at 100 per second on every common build. */
const MS_PER_TICK = 10;

/** User + system CPU milliseconds of one process (0 if it is gone). */
function processMs(pid: number): number {
  try {
    // Fields after the command name, which may hold spaces, so split after its closing parenthesis.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return 0;
  }
}

/** Every process whose command is `postgres` (the server, its backends and helpers). */
function postgresPids(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    });
}

export type CpuReading = { readonly servers: number; readonly postgres: number; readonly self: number };

/** CPU milliseconds so far of `serverPids`, of PostgreSQL, and of this process; undefined without /proc. */
export function readCpu(serverPids: readonly number[]): CpuReading | undefined {
  try {
    readdirSync('/proc/self');
  } catch {
    return undefined;
  }
  const self = process.cpuUsage();
  return {
    servers: serverPids.reduce((sum, pid) => sum + processMs(pid), 0),
    postgres: postgresPids().reduce((sum, pid) => sum + processMs(pid), 0),
    self: (self.user + self.system) / 1000,
  };
}

/** CPU milliseconds per operation between two readings. */
export function cpuPer(before: CpuReading, after: CpuReading, operations: number): CpuReading {
  return {
    servers: (after.servers - before.servers) / operations,
    postgres: (after.postgres - before.postgres) / operations,
    self: (after.self - before.self) / operations,
  };
}
