// Everything the orchestrator prints goes through here, so the output stays consistent and readable.

const useColor = process.stdout.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== "dumb";

const paint = (code: string) => (text: string) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : text);
export const color = {
  bold: paint("1"),
  dim: paint("2"),
  red: paint("31"),
  green: paint("32"),
  yellow: paint("33"),
  blue: paint("34"),
  magenta: paint("35"),
  cyan: paint("36"),
};

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Times one boot step and prints "✔ label detail (0.9 s)", or "✖ label (0.9 s)" when it fails —
 * unless `quietFailure()` says the failure is expected (the stack is being stopped anyway).
 */
export async function step<T>(
  label: string,
  run: () => Promise<T>,
  describe?: (value: T) => string,
  quietFailure: () => boolean = () => false,
): Promise<T> {
  const started = performance.now();
  try {
    const value = await run();
    const detail = describe ? ` ${describe(value)}` : "";
    console.log(
      `  ${color.green("✔")} ${label}${detail} ${color.dim(`(${seconds(performance.now() - started)})`)}`,
    );
    return value;
  } catch (error) {
    if (quietFailure()) throw error;
    console.log(`  ${color.red("✖")} ${label} ${color.dim(`(${seconds(performance.now() - started)})`)}`);
    throw error;
  }
}

export function info(text: string): void {
  console.log(`  ${color.dim("·")} ${text}`);
}

export function warn(text: string): void {
  console.log(`  ${color.yellow("!")} ${text}`);
}

export function failure(text: string): void {
  console.error(`\n${color.red("✖")} ${text}`);
}

/** Prints a block of lines indented under a heading, e.g. the last log lines of a crashed process. */
export function excerpt(heading: string, lines: string[]): void {
  if (!lines.length) return;
  console.error(color.dim(`  ${heading}`));
  for (const line of lines) console.error(color.dim(`  │ ${line}`));
}

// ESC [ … m: the colour codes paint() adds. Built from a string: a literal ESC in a regex is unreadable.
const ANSI_STYLE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
const visibleLength = (text: string) => text.replace(ANSI_STYLE, "").length;

/** A framed table of label/value rows; the frame is sized to the visible (uncoloured) text. */
export function box(title: string, rows: Array<[label: string, value: string] | "">, footer: string[]): void {
  const labelWidth = Math.max(...rows.map((row) => (row ? row[0].length : 0)));
  const lines = [
    title,
    "",
    ...rows.map((row) => (row ? `${row[0].padEnd(labelWidth)}   ${row[1]}` : "")),
    ...(footer.length ? ["", ...footer] : []),
  ];
  const width = Math.max(...lines.map(visibleLength));
  const edge = "─".repeat(width + 2);
  console.log(`\n╭${edge}╮`);
  lines.forEach((line, index) => {
    const text = index === 0 ? color.bold(line) : line;
    console.log(`│ ${text}${" ".repeat(width - visibleLength(line))} │`);
  });
  console.log(`╰${edge}╯`);
}
