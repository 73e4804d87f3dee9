// Bounded concurrency with a per-key limit (per provider account): a job
// starts when fewer than `total` run and fewer than `perKey` run for its key.
// Waiting jobs start in arrival order, skipping those whose key is full.
export class Gate {
  private active = 0;
  private readonly perKeyActive = new Map<string, number>();
  private readonly waiting: { key: string; start: () => void }[] = [];

  constructor(
    private readonly total: number,
    private readonly perKey: number,
  ) {}

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    try {
      return await fn();
    } finally {
      this.release(key);
    }
  }

  private free(key: string): boolean {
    return this.active < this.total && (this.perKeyActive.get(key) ?? 0) < this.perKey;
  }

  private take(key: string): void {
    this.active++;
    this.perKeyActive.set(key, (this.perKeyActive.get(key) ?? 0) + 1);
  }

  private acquire(key: string): Promise<void> {
    if (this.free(key)) {
      this.take(key);
      return Promise.resolve();
    }
    return new Promise((start) => this.waiting.push({ key, start }));
  }

  private release(key: string): void {
    this.active--;
    this.perKeyActive.set(key, (this.perKeyActive.get(key) ?? 1) - 1);
    for (let i = 0; i < this.waiting.length && this.active < this.total; i++) {
      const w = this.waiting[i]!;
      if (!this.free(w.key)) continue;
      this.waiting.splice(i--, 1);
      this.take(w.key);
      w.start();
    }
  }
}
