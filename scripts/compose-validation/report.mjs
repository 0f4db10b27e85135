// What the CLI prints: the checks that ran (with tool versions, so a report can be reproduced), then
// warnings, errors and a count.
import { TOOLS } from "./tools.mjs";

/** @typedef {import("./findings.mjs").Findings} Findings */

/**
 * The report's "•" lines.
 * @param {string | undefined} cliLine from checkWithComposeCli; undefined with --no-cli
 * @returns {string[]}
 */
export function checksRan(cliLine) {
  const ran = [
    `compose-spec schema (dclint ${TOOLS.dclint} copy) with ajv ${TOOLS.ajv}`,
    `dockerfile-utils ${TOOLS["dockerfile-utils"]}`,
    "project rules",
  ];
  if (cliLine !== undefined) ran.unshift(cliLine);
  return ran;
}

/**
 * Prints the report to stdout.
 * @param {string[]} ran from checksRan
 * @param {Findings} findings
 * @returns {0 | 1} the exit status: warnings alone do not fail the check
 */
export function printReport(ran, findings) {
  for (const line of ran) console.log(`• ${line}`);
  for (const w of findings.warnings) console.log(`warning  ${w}`);
  for (const e of findings.errors) console.log(`error    ${e}`);
  console.log(`${findings.errors.length} errors, ${findings.warnings.length} warnings`);
  return findings.errors.length ? 1 : 0;
}
