/**
 * Structured JSON logging with hierarchical categories.
 *
 * Levels: `debug` for developer detail, `info` for normal lifecycle events (start-up, requests),
 * `warn` for something unexpected the system recovered from, `error` for a failure that needs a
 * human. Never log message bodies, health details, passwords, tokens or cookies.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const order: Record<LogLevel | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger for a sub-category, e.g. `medired.http` → `medired.http.auth`. */
  child(category: string, fields?: Record<string, unknown>): Logger;
}

export function createLogger(
  level: LogLevel | 'silent',
  category = 'medired',
  base: Record<string, unknown> = {},
  write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
): Logger {
  const emit = (lvl: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (order[lvl] < order[level]) return;
    const entry = { time: new Date().toISOString(), level: lvl, category, message, ...base, ...fields };
    write(JSON.stringify(entry, (_k, v) => (v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v)));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (sub, fields) => createLogger(level, `${category}.${sub}`, { ...base, ...fields }, write),
  };
}
