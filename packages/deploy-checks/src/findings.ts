/**
 * Errors and warnings as "where: message" lines. Each is kept once: a Dockerfile built for several
 * services is checked per service, and one problem must not be listed once per service.
 */
export class Findings {
  readonly #errors = new Set<string>();
  readonly #warnings = new Set<string>();

  get errors(): string[] {
    return [...this.#errors];
  }

  get warnings(): string[] {
    return [...this.#warnings];
  }

  error(where: string, message: string): void {
    this.#errors.add(`${where}: ${message}`);
  }

  warn(where: string, message: string): void {
    this.#warnings.add(`${where}: ${message}`);
  }

  /** The report the CLI prints; exit status 1 when there is any error (warnings alone pass). */
  report(title: string, ran: string[]): { text: string; ok: boolean } {
    const lines = [`${title}`, ...ran.map((r) => `• ${r}`)];
    for (const w of this.#warnings) lines.push(`warning  ${w}`);
    for (const e of this.#errors) lines.push(`error    ${e}`);
    lines.push(`${this.#errors.size} errors, ${this.#warnings.size} warnings`);
    return { text: lines.join("\n"), ok: this.#errors.size === 0 };
  }
}
