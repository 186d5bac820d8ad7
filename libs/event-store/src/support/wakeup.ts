/**
 * A level-triggered wake-up for subscription loops: a `wake()` that arrives while the loop is busy is
 * remembered, so the loop never sleeps through an append that happened during its last read.
 */
export class Wakeup {
  private pending = false;
  private release: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;

  wake(): void {
    if (this.release) {
      const release = this.release;
      this.clear();
      release();
    } else {
      this.pending = true;
    }
  }

  /** Resolves on the next `wake()` (or a remembered one), or after `timeoutMs` when given. */
  wait(timeoutMs?: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      this.release = resolve;
      if (timeoutMs !== undefined) {
        this.timer = setTimeout(() => {
          this.clear();
          resolve();
        }, timeoutMs);
      }
    });
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.release = undefined;
  }
}
