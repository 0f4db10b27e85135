// The collector every check writes to.

/**
 * Errors and warnings as "where: message" lines, each reported once: a Dockerfile built for several
 * services is checked per service, and the same problem must not be listed once per service.
 * Sets keep insertion order, so the report lists findings in the order the checks ran.
 */
export class Findings {
  /** @type {Set<string>} */
  #errors = new Set();
  /** @type {Set<string>} */
  #warnings = new Set();
  /** @returns {string[]} */
  get errors() {
    return [...this.#errors];
  }
  /** @returns {string[]} */
  get warnings() {
    return [...this.#warnings];
  }
  /**
   * @param {string} where the file, service or Dockerfile the problem is in
   * @param {string} message
   */
  error(where, message) {
    this.#errors.add(`${where}: ${message}`);
  }
  /**
   * @param {string} where the file, service or Dockerfile the problem is in
   * @param {string} message
   */
  warn(where, message) {
    this.#warnings.add(`${where}: ${message}`);
  }
}
