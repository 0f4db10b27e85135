import { describe, expect, it } from "vitest";
import { compactLine, formatLogLine, parseLogLine, shouldEcho } from "../src/cli/log-lines.ts";

describe("child log lines", () => {
  it("reads pino records: level, message, extra fields and the error", () => {
    const line = parseLogLine(
      JSON.stringify({
        level: 50,
        time: 1,
        pid: 7,
        hostname: "h",
        service: "order-svc",
        msg: "outbox relay failed",
        attempt: 3,
        err: {
          type: "Error",
          message: "connect ECONNREFUSED",
          stack: "Error: connect ECONNREFUSED\n    at relay (x.js:1)",
        },
      }),
    );
    expect(line).toEqual({
      level: "error",
      message: "outbox relay failed",
      fields: ["err=connect ECONNREFUSED", "attempt=3"],
      stack: "Error: connect ECONNREFUSED\n    at relay (x.js:1)",
    });
    const formatted = formatLogLine("order-svc", line, new Date(2026, 0, 1, 12, 3, 4));
    expect(formatted).toContain("12:03:04");
    expect(formatted).toContain("outbox relay failed");
    expect(formatted).toContain("at relay (x.js:1)");
  });

  it("guesses the level of plain text output", () => {
    expect(parseLogLine("   ▲ Next.js 16.4.6").level).toBe("info");
    expect(parseLogLine(" ⨯ TypeError: fetch failed").level).toBe("error");
    expect(parseLogLine("(node:12) Warning: something deprecated").level).toBe("warn");
    expect(parseLogLine("    at main (file:///x.js:3:1)").level).toBe("error");
  });

  it("echoes warnings and errors, everything when verbose", () => {
    expect(shouldEcho(parseLogLine('{"level":30,"msg":"ok"}'), false)).toBe(false);
    expect(shouldEcho(parseLogLine('{"level":30,"msg":"ok"}'), true)).toBe(true);
    expect(shouldEcho(parseLogLine('{"level":40,"msg":"hmm"}'), false)).toBe(true);
  });
});

describe("compact excerpt lines", () => {
  it("turns pino records into one readable line and leaves plain text alone", () => {
    expect(compactLine('{"level":60,"msg":"failed to start","err":{"message":"ECONNREFUSED"}}')).toBe(
      "FATAL failed to start  err=ECONNREFUSED",
    );
    expect(compactLine("Node.js v20.20.2")).toBe("Node.js v20.20.2");
  });
});
