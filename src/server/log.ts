// Structured logs: one JSON object per line. Callers pass fields explicitly;
// nothing here serialises a request, a header or an environment, so the admin
// token and credential values have no path into a log line.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  level: LogLevel;
  msg: string;
  [field: string]: unknown;
}

export type Logger = (entry: LogEntry) => void;

/** One log line: the time, then the entry's fields, as JSON, newline-terminated. */
export function formatLogLine(entry: LogEntry): string {
  return JSON.stringify({ time: new Date().toISOString(), ...entry }) + '\n';
}

export function jsonLineLogger(write: (line: string) => unknown): Logger {
  return (entry) => {
    write(formatLogLine(entry));
  };
}

export const silentLogger: Logger = () => undefined;
