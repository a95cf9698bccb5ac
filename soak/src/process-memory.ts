// The broker's resident memory, read the way an operator's tools read it: the kernel's VmRSS for
// its process (Linux), or its own felix_process_resident_memory_bytes where there is no /proc;
// and the CPU time it has used, which tells a broker busy with its own work from one starved by
// the machine.
import { readFileSync } from 'node:fs';

/** Resident bytes of process `pid`, or undefined when /proc does not have it. */
export function residentFromProc(pid: number): number | undefined {
  try {
    const kib = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib === undefined ? undefined : Number(kib) * 1024;
  } catch {
    return undefined;
  }
}

/** Resident bytes as the broker reports them on /metrics. */
export async function residentFromMetrics(httpPort: number): Promise<number | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${httpPort}/metrics`);
    const text = await res.text();
    const value = /^felix_process_resident_memory_bytes (\S+)$/m.exec(text)?.[1];
    return value === undefined ? undefined : Number(value);
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) process `pid` has used, or undefined without /proc. */
export function cpuSecondsFromProc(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Seconds the process's main thread (its event loop) has spent runnable but waiting for a CPU,
 * or undefined without /proc: on a machine short of cores this, not the broker, is what delays
 * an answer.
 */
export function cpuWaitSecondsFromProc(pid: number): number | undefined {
  try {
    const [, waitedNs] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ');
    return Number(waitedNs) / 1e9;
  } catch {
    return undefined;
  }
}
