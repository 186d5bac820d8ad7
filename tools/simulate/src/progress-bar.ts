/**
 * A progress bar on stderr (stdout may carry NDJSON). On a terminal it redraws one line at most ten
 * times a second; in a log file or a pipe it prints one line at every tenth of the work instead.
 */

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): unknown;
}

export interface ProgressBarOptions {
  stream?: ProgressStream;
  label?: string;
  now?: () => number;
}

export class ProgressBar {
  private readonly stream: ProgressStream;
  private readonly label: string;
  private readonly now: () => number;
  private readonly started: number;
  private lastDraw = -Infinity;
  private lastDecile = 0;
  private done = 0;
  private finished = false;

  constructor(
    private readonly total: number,
    options: ProgressBarOptions = {},
  ) {
    this.stream = options.stream ?? process.stderr;
    this.label = options.label ?? '';
    this.now = options.now ?? (() => Date.now());
    this.started = this.now();
  }

  update(done: number): void {
    this.done = Math.min(done, this.total);
    if (this.stream.isTTY) {
      const t = this.now();
      if (t - this.lastDraw >= 100 || this.done === this.total) {
        this.lastDraw = t;
        this.stream.write(`\r${this.line(true)}\x1b[K`);
      }
      return;
    }
    const decile = this.total === 0 ? 10 : Math.floor((this.done * 10) / this.total);
    if (decile > this.lastDecile) {
      this.lastDecile = decile;
      this.stream.write(`${this.line(false)}\n`);
    }
  }

  /** Ends the bar's line on a terminal, so what follows starts on a new one. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.stream.isTTY) {
      this.stream.write(`\r${this.line(true)}\x1b[K\n`);
    } else if (this.lastDecile < 10 && this.done === this.total) {
      this.lastDecile = 10;
      this.stream.write(`${this.line(false)}\n`);
    }
  }

  private line(withBar: boolean): string {
    const fraction = this.total === 0 ? 1 : this.done / this.total;
    const seconds = Math.max(0.001, (this.now() - this.started) / 1000);
    const rate = this.done / seconds;
    const eta =
      rate > 0 && this.done < this.total ? ` ETA ${formatDuration((this.total - this.done) / rate)}` : '';
    const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
    const counts = `${this.done}/${this.total}`;
    const prefix = this.label ? `${this.label} ` : '';
    if (!withBar) return `${prefix}${percent.trim()} (${counts}) ${rate.toFixed(1)}/s${eta}`;
    const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - 50 - prefix.length));
    const filled = Math.round(fraction * width);
    return `${prefix}[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent} ${counts} ${rate.toFixed(1)}/s${eta}`;
  }
}

function formatDuration(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
