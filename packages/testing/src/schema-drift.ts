import { readFile } from "node:fs/promises";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import pg from "pg";

/**
 * Prisma's own drift check (`migrate diff`) needs the native schema engine, which cannot be installed
 * everywhere. This compares what schema.prisma declares (via Prisma's WASM schema parser) with what
 * the hand-written SQL migrations actually built: tables, columns, types, nullability, enums and
 * indexes. It returns human-readable differences; an empty list means they agree.
 */
interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object";
  type: string;
  isRequired: boolean;
  isList: boolean;
  nativeType: [string, string[]] | null;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  fields: { name: string }[];
  algorithm?: string;
}
interface Dmmf {
  datamodel: {
    models: DmmfModel[];
    enums: { name: string; values: { name: string }[] }[];
    indexes: DmmfIndex[];
  };
}

/** Column type in information_schema's udt_name terms for a Prisma scalar (+ native type). */
function expectedUdt(field: DmmfField): string {
  if (field.kind === "enum") return field.type;
  const native = field.nativeType?.[0];
  const byNative: Record<string, string> = {
    Uuid: "uuid",
    Char: "bpchar",
    VarChar: "varchar",
    Text: "text",
    Timestamptz: "timestamptz",
    Timestamp: "timestamp",
    Date: "date",
    SmallInt: "int2",
    Integer: "int4",
    BigInt: "int8",
    JsonB: "jsonb",
    Json: "json",
  };
  if (native && byNative[native]) return byNative[native];
  const byType: Record<string, string> = {
    String: "text",
    Int: "int4",
    BigInt: "int8",
    Boolean: "bool",
    DateTime: "timestamp",
    Float: "float8",
    Decimal: "numeric",
    Json: "jsonb",
    Bytes: "bytea",
  };
  return byType[field.type] ?? `unknown:${field.type}`;
}

/** Columns of `Unsupported("...")` fields are invisible to the DMMF; collect their names from the text. */
function unsupportedColumns(schema: string): Set<string> {
  const out = new Set<string>();
  for (const line of schema.split("\n")) {
    const m = /^\s*(\w+)\s+Unsupported\(/.exec(line);
    if (m?.[1]) out.add(/@map\("([^"]+)"\)/.exec(line)?.[1] ?? m[1]);
  }
  return out;
}

export async function schemaDrift(schemaPath: string, databaseUrl: string): Promise<string[]> {
  const schema = await readFile(schemaPath, "utf8");
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schema }))) as Dmmf;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const columns = await client.query<{
      table_name: string;
      column_name: string;
      udt_name: string;
      is_nullable: string;
    }>(
      `SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const enums = await client.query<{ name: string; value: string }>(
      `SELECT t.typname AS name, e.enumlabel AS value FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY e.enumsortorder`,
    );
    const indexes = await client.query<{
      table_name: string;
      columns: string[];
      is_unique: boolean;
      is_primary: boolean;
      method: string;
    }>(
      `SELECT c.relname AS table_name, i.indisunique AS is_unique, i.indisprimary AS is_primary, am.amname AS method,
              array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_am am ON am.oid = ic.relam
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
       GROUP BY c.relname, i.indexrelid, i.indisunique, i.indisprimary, am.amname`,
    );

    const problems: string[] = [];
    const extraAllowed = unsupportedColumns(schema);
    const tables = new Map<string, Map<string, { udt: string; nullable: boolean }>>();
    for (const c of columns.rows) {
      const t = tables.get(c.table_name) ?? new Map();
      t.set(c.column_name, { udt: c.udt_name, nullable: c.is_nullable === "YES" });
      tables.set(c.table_name, t);
    }
    const modelTables = new Set<string>();
    for (const model of dmmf.datamodel.models) {
      const table = model.dbName ?? model.name;
      modelTables.add(table);
      const dbColumns = tables.get(table);
      if (!dbColumns) {
        problems.push(`table ${table} (model ${model.name}) is missing`);
        continue;
      }
      const declared = new Set<string>();
      for (const field of model.fields.filter((f) => f.kind !== "object")) {
        const column = field.dbName ?? field.name;
        declared.add(column);
        const actual = dbColumns.get(column);
        if (!actual) {
          problems.push(`${table}.${column} is missing`);
          continue;
        }
        const udt = field.isList ? `_${expectedUdt(field)}` : expectedUdt(field);
        if (actual.udt !== udt) problems.push(`${table}.${column} is ${actual.udt}, schema says ${udt}`);
        if (actual.nullable === field.isRequired) {
          problems.push(
            `${table}.${column} is ${actual.nullable ? "nullable" : "NOT NULL"}, schema says the opposite`,
          );
        }
      }
      for (const column of dbColumns.keys()) {
        if (!declared.has(column) && !extraAllowed.has(column))
          problems.push(`${table}.${column} is not in the schema`);
      }
      const fieldColumn = (name: string) => {
        const f = model.fields.find((x) => x.name === name);
        return f ? (f.dbName ?? f.name) : name;
      };
      for (const index of dmmf.datamodel.indexes.filter((i) => i.model === model.name)) {
        const wanted = index.fields.map((f) => fieldColumn(f.name));
        const found = indexes.rows.find(
          (r) =>
            r.table_name === table &&
            r.columns.join(",") === wanted.join(",") &&
            (index.type === "id"
              ? r.is_primary
              : index.type === "unique"
                ? r.is_unique && !r.is_primary
                : !r.is_unique) &&
            (!index.algorithm || r.method === index.algorithm.toLowerCase()),
        );
        if (!found) problems.push(`${index.type} index on ${table}(${wanted.join(", ")}) is missing`);
      }
    }
    for (const table of tables.keys()) {
      if (!modelTables.has(table) && table !== "_prisma_migrations")
        problems.push(`table ${table} is not in the schema`);
    }
    for (const e of dmmf.datamodel.enums) {
      const actual = enums.rows.filter((r) => r.name === e.name).map((r) => r.value);
      const wanted = e.values.map((v) => v.name);
      if (actual.join(",") !== wanted.join(",")) {
        problems.push(`enum ${e.name} is [${actual.join(", ")}], schema says [${wanted.join(", ")}]`);
      }
    }
    return problems;
  } finally {
    await client.end();
  }
}
