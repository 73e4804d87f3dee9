// The resolver server: HTTP around the runtime, with the admin API for snapshots (design §7).
export { startServer, DEFAULT_MAX_BODY_BYTES, ServerConfigError, type RunningServer, type ServerOptions } from './server.js';
export { formatLogLine, jsonLineLogger, silentLogger, type LogEntry, type Logger, type LogLevel } from './log.js';
export { parseResolveRequest } from './routes-read.js';
export { parseTokenList } from './auth.js';
export type { AuthLimitOptions } from './auth-limit.js';
