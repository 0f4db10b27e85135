// The compose-spec JSON schema check: catches misspelt keys and wrong value types that Compose v1
// (the only Compose some machines have) accepts or reports less precisely.

/** @typedef {import("./findings.mjs").Findings} Findings */
/** @typedef {import("./tools.mjs").Tools} Tools */

/**
 * Validates the interpolated model (the schema describes values after interpolation) with ajv.
 * @param {unknown} model
 * @param {Tools} tools
 * @param {Findings} findings
 * @param {string} [where]
 */
export function checkSchema(model, tools, findings, where = "docker-compose.yml") {
  // The schema declares draft-07 under an https URL ajv does not know by that name; it is plain
  // draft-07, which is ajv's default dialect.
  const { $schema: _dialect, ...schema } = tools.composeSchema;
  // strict: false because the schema uses union types (e.g. boolean | string) that ajv's strict mode
  // rejects. validateFormats: false because format checks would need ajv-formats, which is not
  // installed; the pinned schema copy uses no `format` keyword anyway.
  const ajv = new tools.Ajv({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(schema);
  if (validate(model)) return;
  for (const e of validate.errors) {
    // oneOf/anyOf parents repeat their children's errors; the leaf messages are the useful ones.
    if (e.keyword === "oneOf" || e.keyword === "anyOf") continue;
    const extra = e.params?.additionalProperty ? ` ("${e.params.additionalProperty}")` : "";
    findings.error(where, `schema: ${e.instancePath || "/"} ${e.message}${extra}`);
  }
}
