// apply: the IO half of plan → apply, behind one Target interface (design §5).
export type { HistoryEntry, LiveState, RefusalReason, Target, WriteOptions, WriteResult } from './types.js';
export { FileTarget, type FileTargetOptions } from './file-target.js';
export { HttpTarget, type HttpTargetOptions } from './http-target.js';
export { openTarget, TargetSpecError, type OpenTargetOptions } from './open-target.js';
export { applySnapshot, type ApplyOptions, type ApplyOutcome } from './apply.js';
export { readPlanFile, type PlanFile } from './plan-file.js';
export { writeFileDurable, fsyncDir } from './durable.js';
export { VersionDir, type StoredVersion } from './version-dir.js';
export { withLock, type LockOptions } from './lock.js';
export { serializeDocument, parseDocument } from './document.js';
