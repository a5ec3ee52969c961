#!/usr/bin/env node
// The openAPIV3Schema of one served version of a CustomResourceDefinition, for CrdSchema (Support/CrdSchema.cs):
//   node extract-schema.mjs CRD_YAML VERSION "HEADER LINE" ... > OUT.yaml
// Writes group, version, kind and the schema with its description texts left out (they do not validate
// anything and are most of the size), as YAML 1.1 so strings like "on" stay strings for YAML 1.1 readers.
// Must be run from the repository root (it resolves the yaml package from node_modules).
import fs from "node:fs";
import { parseAllDocuments, stringify } from "yaml";

const [file, version, ...header] = process.argv.slice(2);
if (!file || !version) {
  console.error('usage: extract-schema.mjs CRD_YAML VERSION ["HEADER LINE" ...]');
  process.exit(2);
}
const crd = parseAllDocuments(fs.readFileSync(file, "utf8")).map((d) => d.toJS())
  .find((d) => d?.kind === "CustomResourceDefinition");
const served = crd?.spec.versions.find((v) => v.name === version && v.served);
if (!served) {
  console.error(`${file}: no served version ${version}`);
  process.exit(1);
}
const withoutDescriptions = (node) => {
  if (Array.isArray(node)) return node.map(withoutDescriptions);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(Object.entries(node)
    .filter(([key, value]) => !(key === "description" && typeof value === "string"))
    .map(([key, value]) => [key, withoutDescriptions(value)]));
};
const body = { group: crd.spec.group, version, kind: crd.spec.names.kind,
  openAPIV3Schema: withoutDescriptions(served.schema.openAPIV3Schema) };
process.stdout.write(header.map((line) => `# ${line}\n`).join("") + "---\n"
  + stringify(body, { version: "1.1", lineWidth: 0 }));
