// Failures a command must word differently from "the operation failed".
import type { RefusalReason } from './types.js';

/** The target refused a read (e.g. a bad admin token): nothing was changed, exit 3. */
export class TargetRefusedError extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
  }
}

/** A file: target whose live file does not load. `rollback --to V` repairs it from history. */
export class DamagedTargetError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path} is damaged: ${problem}`);
  }
}
