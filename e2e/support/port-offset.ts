/** Shifts every port of the e2e stack (see playwright.config.ts); 0 unless E2E_PORT_OFFSET is set. */
export const E2E_PORT_OFFSET = portOffset(process.env.E2E_PORT_OFFSET);

function portOffset(raw: string | undefined): number {
  if (raw === undefined || raw === "") return 0;
  const offset = Number(raw);
  if (!Number.isInteger(offset) || offset < 0 || offset > 500) {
    throw new Error(`E2E_PORT_OFFSET must be an integer from 0 to 500, got "${raw}"`);
  }
  return offset;
}
