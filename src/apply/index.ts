// apply: the IO half of plan → apply, behind one Target interface (design §5).
export type { HistoryEntry, LiveState, RefusalReason, RollbackOptions as TargetRollbackOptions, Target, WriteOptions, WriteResult } from './types.js';
export { DamagedTargetError, TargetRefusedError } from './errors.js';
export { rollbackTo, type RollbackOptions, type RollbackOutcome } from './rollback.js';
export { redactUrl, redactText, secretsOf } from '../io/redact-url.js';
export { FileTarget, type FileTargetOptions } from './file-target.js';
export { HttpTarget, type HttpTargetOptions } from './http-target.js';
export { openTarget, targetSecrets, TargetSpecError, type OpenTargetOptions } from './open-target.js';
export { RedisTarget, type RedisTargetOptions } from './redis-target.js';
export { applySnapshot, type ApplyOptions, type ApplyOutcome } from './apply.js';
export { readPlanFile, type PlanFile } from './plan-file.js';
export { writeFileDurable, fsyncDir, UnsafePathError } from '../io/durable-write.js';
export { readFileCapped, ReadRefusedError, DEFAULT_MAX_READ_BYTES } from '../io/read-capped.js';
export { VersionDir, type StoredVersion } from '../io/version-dir.js';
export { withLock, forceUnlock, readLock, processStart, LockHeldError, type LockOptions, type LockOwner, type ForceUnlockResult } from './lock.js';
export { serializeDocument, parseDocument } from './document.js';
