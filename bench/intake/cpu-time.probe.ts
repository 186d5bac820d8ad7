import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of groups of processes and of the machine from Linux's /proc, to tell which process was the
 * bottleneck: time on a CPU, and time spent runnable but waiting for a CPU (a busy machine shows up
 * there, not as CPU time). Where /proc cannot be read (another OS) the figures are missing, not wrong.
 */

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Seconds on a CPU and seconds runnable but waiting for one; `waited` undefined without schedstat. */
export interface CpuUse {
  cpu: number;
  waited?: number;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Sums /proc/<pid>/task/<tid>/schedstat (ns on CPU, ns waiting on a run queue) over the threads, or
 * reads the main thread alone (a Node.js process's event loop).
 */
function processUse(pid: number, mainThreadOnly: boolean): CpuUse | undefined {
  let tasks: string[] = [];
  try {
    tasks = mainThreadOnly ? [String(pid)] : readdirSync(`/proc/${pid}/task`);
  } catch {
    return undefined;
  }
  let cpu = 0;
  let waited = 0;
  let scheduled = false;
  for (const tid of tasks) {
    const fields = read(`/proc/${pid}/task/${tid}/schedstat`)?.trim().split(/\s+/);
    if (!fields || fields.length < 2) continue;
    cpu += Number(fields[0]) / 1e9;
    waited += Number(fields[1]) / 1e9;
    scheduled = true;
  }
  if (scheduled || mainThreadOnly) return scheduled ? { cpu, waited } : undefined;
  // Without schedstat: utime + stime of the whole process, in clock ticks.
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // The command name (field 2) may contain spaces and parentheses; the fields after it do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { cpu: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS };
}

/** A named set of processes, chosen by pid and command line (arguments joined by spaces). */
export interface ProcessGroup {
  name: string;
  matches: (pid: number, commandLine: string) => boolean;
  /**
   * Only the main thread, as a detail of a process another group counts already: left out of the
   * machine's balance.
   */
  mainThreadOnly?: boolean;
}

interface MachineCpu {
  /** Non-idle time summed over all cores, in seconds. */
  busy: number;
  /** Time cores sat idle while a disk write was pending (the WAL's fsync), in seconds. */
  iowait: number;
}

function machineCpu(): MachineCpu | undefined {
  const line = read('/proc/stat')?.split('\n')[0];
  if (!line?.startsWith('cpu ')) return undefined;
  // cpu user nice system idle iowait irq softirq steal (guest time is inside user).
  const [user, nice, system, , iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return { busy: (user + nice + system + irq + softirq + steal) / CLOCK_TICKS, iowait: iowait / CLOCK_TICKS };
}

export interface CpuSnapshot {
  at: number;
  groups: Map<string, Map<number, CpuUse>>;
  machine?: MachineCpu;
}

/** Reads every process of every group, and the machine's counters, now (synchronously). */
export function takeSnapshot(groups: readonly ProcessGroup[]): CpuSnapshot {
  const found = new Map<string, Map<number, CpuUse>>(groups.map((g) => [g.name, new Map()]));
  let pids: number[] = [];
  try {
    pids = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    // Not Linux: the groups stay empty.
  }
  for (const pid of pids) {
    const commandLine = read(`/proc/${pid}/cmdline`)?.split('\0').join(' ').trim();
    if (!commandLine) continue;
    for (const group of groups) {
      if (!group.matches(pid, commandLine)) continue;
      const use = processUse(pid, group.mainThreadOnly === true);
      if (use) found.get(group.name)!.set(pid, use);
    }
  }
  const machine = machineCpu();
  return { at: performance.now(), groups: found, ...(machine ? { machine } : {}) };
}

export interface GroupUse extends CpuUse {
  name: string;
  processes: number;
  detail: boolean;
}

export interface CpuReport {
  wallSeconds: number;
  cores: number;
  groups: GroupUse[];
  /** Everything else on the machine (other users' processes included). */
  others?: number;
  machineBusy?: number;
  iowait?: number;
}

/** What each group used between two snapshots (a process absent before started in between). */
export function usageBetween(
  groupsRead: readonly ProcessGroup[],
  before: CpuSnapshot,
  after: CpuSnapshot,
  cores: number,
): CpuReport {
  const groups: GroupUse[] = [];
  for (const group of groupsRead) {
    const name = group.name;
    const processes = after.groups.get(name) ?? new Map<number, CpuUse>();
    const earlier = before.groups.get(name) ?? new Map<number, CpuUse>();
    let cpu = 0;
    let waited: number | undefined = 0;
    for (const [pid, use] of processes) {
      const start = earlier.get(pid) ?? { cpu: 0, waited: 0 };
      cpu += use.cpu - start.cpu;
      waited =
        waited !== undefined && use.waited !== undefined
          ? waited + use.waited - (start.waited ?? 0)
          : undefined;
    }
    groups.push({
      name,
      processes: processes.size,
      detail: group.mainThreadOnly === true,
      cpu,
      ...(waited !== undefined ? { waited } : {}),
    });
  }
  const report: CpuReport = { wallSeconds: (after.at - before.at) / 1000, cores, groups };
  if (before.machine && after.machine) {
    report.machineBusy = after.machine.busy - before.machine.busy;
    report.iowait = after.machine.iowait - before.machine.iowait;
    const counted = groups.filter((g) => !g.detail).reduce((sum, g) => sum + g.cpu, 0);
    report.others = Math.max(0, report.machineBusy - counted);
  }
  return report;
}
