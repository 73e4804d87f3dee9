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

export function jsonLineLogger(write: (line: string) => unknown): Logger {
  return (entry) => {
    write(JSON.stringify({ time: new Date().toISOString(), ...entry }) + '\n');
  };
}

export const silentLogger: Logger = () => undefined;
