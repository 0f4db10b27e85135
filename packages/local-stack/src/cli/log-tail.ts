import { type FileHandle, open } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";

const CHUNK_BYTES = 64 * 1024;

/**
 * Follows a growing log file from a byte offset and calls onLine for each complete line. Polling is
 * used on purpose: it behaves the same on every OS and file system, and 200 ms is plenty for a console.
 */
export class LogTail {
  readonly #file: string;
  readonly #onLine: (line: string) => void;
  readonly #decoder = new StringDecoder("utf8");
  #offset: number;
  #partial = "";
  #handle: FileHandle | undefined;
  #timer: NodeJS.Timeout | undefined;
  #reading: Promise<void> | undefined;

  constructor(file: string, offset: number, onLine: (line: string) => void) {
    this.#file = file;
    this.#offset = offset;
    this.#onLine = onLine;
  }

  start(intervalMs = 200): void {
    // A failed read (say, the file was deleted) is retried on the next tick; stop() reads once more.
    this.#timer = setInterval(() => void this.drain().catch(() => {}), intervalMs);
  }

  /** Reads everything written so far; concurrent calls share one read. */
  drain(): Promise<void> {
    this.#reading ??= this.#readToEnd().finally(() => {
      this.#reading = undefined;
    });
    return this.#reading;
  }

  /** Final read (including a last line without a newline), then stop polling. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.drain().catch(() => {});
    await this.#reading;
    const rest = this.#partial + this.#decoder.end();
    this.#partial = "";
    if (rest) this.#onLine(rest);
    await this.#handle?.close();
    this.#handle = undefined;
  }

  async #readToEnd(): Promise<void> {
    this.#handle ??= await open(this.#file, "r");
    const buffer = Buffer.alloc(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await this.#handle.read(buffer, 0, CHUNK_BYTES, this.#offset);
      if (bytesRead === 0) return;
      this.#offset += bytesRead;
      const lines = (this.#partial + this.#decoder.write(buffer.subarray(0, bytesRead))).split("\n");
      this.#partial = lines.pop() ?? "";
      for (const line of lines) this.#onLine(line.endsWith("\r") ? line.slice(0, -1) : line);
    }
  }
}
