import { color } from "./console-ui.ts";

/** pino's numeric levels. */
const LEVELS: Record<number, string> = {
  10: "trace",
  20: "debug",
  30: "info",
  40: "warn",
  50: "error",
  60: "fatal",
};

/** Fields every pino line has; the compact form leaves them out. */
const STANDARD_FIELDS = new Set(["level", "time", "msg", "pid", "hostname", "name", "service", "v", "err"]);

export interface LogLine {
  level: "trace" | "debug" | "info" | "warn" | "error" | "fatal";
  message: string;
  /** Extra structured fields as "key=value" pairs. */
  fields: string[];
  /** A stack trace when the line carries an error. */
  stack: string | undefined;
}

/**
 * Reads one output line of a child process. JSON lines are pino records. Anything else (Next.js'
 * banner, a Node warning, a crash trace) is plain text; stdout and stderr share the log file, so its
 * level is guessed from well-known markers.
 */
export function parseLogLine(line: string): LogLine {
  const record = line.startsWith("{") ? tryParseObject(line) : undefined;
  if (!record) return { level: plainTextLevel(line), message: line, fields: [], stack: undefined };

  const level = (LEVELS[Number(record.level)] ?? "info") as LogLine["level"];
  const err =
    record.err && typeof record.err === "object" ? (record.err as Record<string, unknown>) : undefined;
  const fields = Object.entries(record)
    .filter(([key]) => !STANDARD_FIELDS.has(key))
    .map(
      ([key, value]) => `${key}=${truncate(typeof value === "string" ? value : JSON.stringify(value), 120)}`,
    );
  const errMessage = typeof err?.message === "string" ? err.message : undefined;
  if (errMessage) fields.unshift(`err=${truncate(errMessage, 300)}`);
  return {
    level,
    message: typeof record.msg === "string" ? record.msg : "",
    fields,
    stack: typeof err?.stack === "string" ? err.stack : undefined,
  };
}

export function shouldEcho(line: LogLine, verbose: boolean): boolean {
  return verbose || line.level === "warn" || line.level === "error" || line.level === "fatal";
}

const LEVEL_STYLE: Record<LogLine["level"], (text: string) => string> = {
  trace: color.dim,
  debug: color.dim,
  info: color.blue,
  warn: color.yellow,
  error: color.red,
  fatal: color.red,
};

/** "12:03:04 product-svc WARN  slow query  durationMs=812" plus up to 6 stack lines for errors. */
export function formatLogLine(source: string, line: LogLine, now = new Date()): string {
  const time = color.dim(now.toTimeString().slice(0, 8));
  const level = LEVEL_STYLE[line.level](line.level.toUpperCase().padEnd(5));
  const fields = line.fields.length ? `  ${color.dim(line.fields.join(" "))}` : "";
  const head = `${time} ${color.magenta(source.padEnd(11))} ${level} ${line.message}${fields}`;
  if (!line.stack || (line.level !== "error" && line.level !== "fatal")) return head;
  const stack = line.stack
    .split("\n")
    .slice(1, 7)
    .map((frame) => color.dim(`      ${frame.trim()}`));
  return [head, ...stack].join("\n");
}

// Next.js marks errors with ⨯ and warnings with ⚠; Node prints "(node:123) Warning: …" and traces.
const PLAIN_ERROR = /^\s*⨯|\b(Error|Exception)\b|^\s+at \S|^\s*\^+\s*$/;
const PLAIN_WARNING = /^\s*⚠|^\(node:\d+\)|\bwarn(ing)?\b/i;

function plainTextLevel(line: string): LogLine["level"] {
  if (PLAIN_ERROR.test(line)) return "error";
  if (PLAIN_WARNING.test(line)) return "warn";
  return "info";
}

/** One line for an excerpt (e.g. a crash report): "ERROR message  fields" for pino records, else as is. */
export function compactLine(raw: string): string {
  const line = parseLogLine(raw);
  if (!raw.startsWith("{") || line.message === raw) return raw;
  const fields = line.fields.length ? `  ${line.fields.join(" ")}` : "";
  return `${line.level.toUpperCase().padEnd(5)} ${line.message}${fields}`;
}

function tryParseObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
