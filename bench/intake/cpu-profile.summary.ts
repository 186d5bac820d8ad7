import { readFileSync } from 'node:fs';

/**
 * Where a process spent its CPU during the measured window, from the .cpuprofile that `node --cpu-prof`
 * writes at exit: self time by package or source folder, self time by function, and time spent inside
 * each of the project's own functions (inclusive), which maps onto the steps of a request.
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Samples inside the window (idle included). */
  samples: number;
  idle: number;
  /** Median interval between samples, µs. */
  intervalUs: number;
  /** False when no sample fell in the window and the whole profile was used instead. */
  windowed: boolean;
  byArea: Array<[string, number]>;
  bySelf: Array<[string, number]>;
  /** The project's functions (not node_modules, not Node's own), by time spent inside them. */
  byInclusive: Array<[string, number]>;
}

function shortUrl(url: string, root: string): string {
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) return path.slice(modules + 1);
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}

/** The package (node_modules), the project folder (dist/<kind>/<name>) or the kind of V8 entry. */
function areaOf(frame: CallFrame, root: string): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (frame.url.startsWith('node:')) return 'node: (Node.js built-ins)';
  const path = shortUrl(frame.url, root);
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1];
  const project = /^dist\/([^/]+\/[^/]+)/.exec(path);
  return project ? project[1] : path;
}

function labelOf(frame: CallFrame, root: string): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  return `${name}  ${shortUrl(frame.url, root)}:${frame.lineNumber + 1}`;
}

function isProjectCode(frame: CallFrame): boolean {
  return frame.url.includes('/dist/') && !frame.url.includes('/node_modules/');
}

function top(map: Map<string, number>, count: number): Array<[string, number]> {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
}

/**
 * Summarises `file`. `window` (monotonic clock, µs) keeps the samples of the measured phase: V8 stamps
 * samples with the same monotonic clock as process.hrtime on Linux.
 */
export function summarizeCpuProfile(
  file: string,
  root: string,
  window: { fromUs: number; toUs: number },
  count = 20,
): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  // Samples are counted, not weighted by the time to the next one: while the thread waits for a CPU no
  // sample is taken, so on a busy machine the time deltas would charge that wait to whatever ran last.
  const inWindow: number[] = [];
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i];
    if (time >= window.fromUs && time <= window.toUs) inWindow.push(profile.samples[i]);
  }
  const windowed = inWindow.length > 0;
  const samples = windowed ? inWindow : profile.samples;
  const intervals = [...profile.timeDeltas].sort((a, b) => a - b);
  const intervalUs = intervals[Math.floor(intervals.length / 2)] ?? 0;

  const byArea = new Map<string, number>();
  const bySelf = new Map<string, number>();
  const byInclusive = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const id of samples) {
    const leaf = byId.get(id);
    if (!leaf) continue;
    total += 1;
    if (leaf.callFrame.functionName === '(idle)') {
      idle += 1;
      continue;
    }
    const area = areaOf(leaf.callFrame, root);
    byArea.set(area, (byArea.get(area) ?? 0) + 1);
    const self = labelOf(leaf.callFrame, root);
    bySelf.set(self, (bySelf.get(self) ?? 0) + 1);
    // Each project function on the stack once, however deep the recursion.
    const seen = new Set<string>();
    for (let node: ProfileNode | undefined = leaf; node; node = byId.get(parent.get(node.id) ?? -1)) {
      if (!isProjectCode(node.callFrame)) continue;
      const label = labelOf(node.callFrame, root);
      if (seen.has(label)) continue;
      seen.add(label);
      byInclusive.set(label, (byInclusive.get(label) ?? 0) + 1);
    }
  }
  return {
    samples: total,
    idle,
    intervalUs,
    windowed,
    byArea: top(byArea, count),
    bySelf: top(bySelf, count),
    byInclusive: top(byInclusive, count),
  };
}
