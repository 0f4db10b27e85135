/** Options shared by the scripts: `--name=value` arguments win over BENCH_* variables. */
export function option(name: string, envVar: string, fallback: string): string {
  const prefix = `--${name}=`;
  const arg = process.argv.slice(2).find((a) => a.startsWith(prefix));
  return arg?.slice(prefix.length) ?? process.env[envVar]?.trim() ?? fallback;
}

export function numberOption(name: string, envVar: string, fallback: number): number {
  const raw = option(name, envVar, String(fallback));
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`--${name} / ${envVar} must be a positive number, got "${raw}"`);
  return value;
}

export const flag = (name: string) => process.argv.slice(2).includes(`--${name}`);
