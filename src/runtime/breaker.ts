// Circuit breakers, one per source (design §6), in flat typed arrays indexed
// by a slot fixed at load, so the hot path reads two numbers and allocates
// nothing. States:
//   closed    — counting consecutive failures; `failureThreshold` of them open it.
//   open      — now < openUntil: offered only after every usable source.
//   half-open — cooldown over, no outcome yet: offered in its normal place;
//               a success closes it (cooldown resets), a failure re-opens it
//               with the cooldown doubled, capped at `maxCooldownSeconds`.
// A failure reported while open (a request that started before it opened)
// neither shortens nor extends the open period. A success reported while
// open closes it: that is how traffic sent to an all-open model discovers
// recovery.
import type { Snapshot } from '../generated/types.js';
import type { BreakerRecord, BreakerStatus } from './types.js';

type BreakerSettings = Snapshot['settings']['circuitBreaker'];



export class BreakerBoard {
  /** Sources that are open or half-open; 0 lets routing skip every check. */
  tripped = 0;
  private readonly failures: Uint32Array;
  private readonly isTripped: Uint8Array;
  private readonly openUntil: Float64Array;
  private readonly cooldown: Float64Array;
  /** Source id → slot, built on the first report so that building a resolver stays cheap. */
  private slots: Map<string, number> | undefined;
  private readonly baseCooldown: number;

  constructor(
    private readonly size: number,
    private readonly sourceId: (slot: number) => string,
    private readonly settings: BreakerSettings,
  ) {
    const n = size;
    this.failures = new Uint32Array(n);
    this.isTripped = new Uint8Array(n);
    this.openUntil = new Float64Array(n);
    this.baseCooldown = Math.min(settings.cooldownSeconds, settings.maxCooldownSeconds);
    this.cooldown = new Float64Array(n).fill(this.baseCooldown);
  }

  slotOf(sourceId: string): number | undefined {
    if (this.slots === undefined) {
      this.slots = new Map();
      for (let slot = 0; slot < this.size; slot++) this.slots.set(this.sourceId(slot), slot);
    }
    return this.slots.get(sourceId);
  }

  /** Open (not yet half-open) at time `now`. */
  isOpen(slot: number, now: number): boolean {
    return this.isTripped[slot] === 1 && now < this.openUntil[slot]!;
  }

  /** Epoch ms at which an open source becomes half-open. */
  reopensAt(slot: number): number {
    return this.openUntil[slot]!;
  }

  report(slot: number, ok: boolean, now: number): void {
    if (ok) {
      if (this.isTripped[slot] === 1) this.tripped--;
      this.isTripped[slot] = 0;
      this.failures[slot] = 0;
      this.cooldown[slot] = this.baseCooldown;
      return;
    }
    this.failures[slot]!++;
    if (this.isTripped[slot] === 1) {
      if (now < this.openUntil[slot]!) return; // open: the period stands as set
      const doubled = Math.min(this.cooldown[slot]! * 2, this.settings.maxCooldownSeconds);
      this.open(slot, doubled, now); // half-open probe failed
    } else if (this.failures[slot]! >= this.settings.failureThreshold) {
      this.tripped++;
      this.isTripped[slot] = 1;
      this.open(slot, this.baseCooldown, now);
    }
  }

  private open(slot: number, cooldownSeconds: number, now: number): void {
    this.cooldown[slot] = cooldownSeconds;
    this.openUntil[slot] = now + cooldownSeconds * 1000;
  }

  /** Raw state of every source that is not plainly closed, for carrying across a snapshot swap. */
  exportState(): BreakerRecord[] {
    const out: BreakerRecord[] = [];
    for (let slot = 0; slot < this.size; slot++)
      if (this.failures[slot]! > 0 || this.isTripped[slot] === 1)
        out.push({ sourceId: this.sourceId(slot), failures: this.failures[slot]!, tripped: this.isTripped[slot] === 1, openUntil: this.openUntil[slot]!, cooldownSeconds: this.cooldown[slot]! });
    return out;
  }

  /** Takes over the state of sources that kept their id; the rest start closed. */
  importState(records: readonly BreakerRecord[]): void {
    for (const r of records) {
      const slot = this.slotOf(r.sourceId);
      if (slot === undefined) continue;
      this.failures[slot] = r.failures;
      this.openUntil[slot] = r.openUntil;
      this.cooldown[slot] = Math.min(r.cooldownSeconds, this.settings.maxCooldownSeconds);
      if (r.tripped && this.isTripped[slot] !== 1) this.tripped++;
      this.isTripped[slot] = r.tripped ? 1 : 0;
    }
  }

  /** Every open or half-open source, in load order. */
  statuses(now: number): BreakerStatus[] {
    const out: BreakerStatus[] = [];
    if (this.tripped === 0) return out;
    for (let slot = 0; slot < this.size; slot++) {
      if (this.isTripped[slot] !== 1) continue;
      out.push({
        sourceId: this.sourceId(slot),
        state: now < this.openUntil[slot]! ? 'open' : 'half-open',
        consecutiveFailures: this.failures[slot]!,
        openUntil: this.openUntil[slot]!,
        cooldownSeconds: this.cooldown[slot]!,
      });
    }
    return out;
  }
}
