#!/usr/bin/env node
// Strict schema check of Kubernetes manifests (e.g. a rendered Helm chart), with the TypeScript types
// of kubernetes-models and @kubernetes-models/* (core kinds and CRDs alike):
//   node scripts/manifests/check-schemas.mjs [FILE...]      (no FILE, or "-": standard input)
// Each object becomes `export const o: I<Kind> = {...}` in a .mts file, type-checked like
// `tsc --noEmit --strict --module nodenext --moduleResolution nodenext`.
// Errors: an unknown field (TS2353), a wrong type (TS2322), any other TypeScript error, and a kind
// that no package types (nothing passes unchecked). A missing required field (TS2741) of a CRD is
// only a warning: the API server may default it. YAML is read as the API server reads it (YAML 1.1:
// yes/on are booleans, 0440 is octal), and duplicate keys are errors.
// Exit codes: 0 all objects match their types; 1 errors found (listed on stderr); 2 bad usage or
// unreadable input.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

// require, not import: Node's ESM loader would scan all 9 MB of typescript.js for its exports first.
const ts = createRequire(import.meta.url)("typescript");

const nodeModules = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../node_modules");
const packages = ["kubernetes-models",
  ...fs.readdirSync(path.join(nodeModules, "@kubernetes-models")).map((name) => `@kubernetes-models/${name}`)];
const MISSING_REQUIRED = new Set([2739, 2740, 2741]);
const NEVER = Symbol("neutralized");

// The I<Kind> type for an apiVersion and kind: <package>/<apiVersion>/<Kind>.d.ts declaring both.
function typeFor(apiVersion, kind) {
  if (!/^[a-z0-9.-]+(\/[a-z0-9]+)?$/.test(apiVersion) || !/^[A-Za-z0-9]+$/.test(kind)) return null;
  for (const pkg of packages) {
    const file = path.join(nodeModules, pkg, apiVersion, `${kind}.d.ts`);
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, "utf8");
    if (text.includes(`"apiVersion": "${apiVersion}"`) && text.includes(`"kind": "${kind}"`)) {
      return { module: `${pkg}/${apiVersion}/${kind}`, name: `I${kind}`, crd: pkg !== "kubernetes-models" };
    }
  }
  return null;
}

// YAML 1.1 as Kubernetes' go-yaml reads it: no sexagesimal numbers, timestamps stay strings.
const yamlOptions = { version: "1.1", uniqueKeys: true,
  customTags: (tags) => tags.filter((t) => t.format !== "TIME" && t.tag !== "tag:yaml.org,2002:timestamp") };

function readObjects(inputName, text, objects, problems) {
  // Helm writes "# Source: chart/templates/file.yaml" above each document.
  const sources = [...text.matchAll(/^# Source: (\S+)/gm)].map((m) => ({ at: m.index, name: m[1] }));
  let previousEnd = 0;
  for (const doc of parseAllDocuments(text, yamlOptions)) {
    const start = doc.contents?.range?.[0] ?? doc.range?.[0] ?? previousEnd;
    const template = sources.findLast((s) => s.at >= previousEnd && s.at < start)?.name;
    previousEnd = doc.range?.[2] ?? start;
    const source = [inputName === "stdin" && template ? null : inputName, template].filter(Boolean).join(": ");
    if (doc.errors?.length) { problems.push(`${source}: invalid YAML: ${doc.errors[0].message.split("\n")[0]}`); continue; }
    const data = doc.toJS?.();
    if (data === null || data === undefined) continue;
    if (typeof data !== "object" || Array.isArray(data)) { problems.push(`${source}: a document is not a mapping`); continue; }
    const { apiVersion, kind, metadata } = data;
    const label = `${source}: ${kind ?? "?"} ${metadata?.namespace ? `${metadata.namespace}/` : ""}${metadata?.name ?? "?"}`;
    if (typeof apiVersion !== "string" || typeof kind !== "string") { problems.push(`${label}: apiVersion and kind are required strings`); continue; }
    const type = typeFor(apiVersion, kind);
    if (!type) { problems.push(`${label}: no TypeScript type for apiVersion ${apiVersion} kind ${kind} in kubernetes-models or @kubernetes-models/* (add the package that defines it)`); continue; }
    objects.push({ label, data, type, findings: [], seen: new Set() });
  }
}

// Pretty JSON, one value per line, with the path of each line (to name the field of an error).
function serialize(value, pathSoFar, lines, indent, prefix, suffix) {
  const pad = "  ".repeat(indent);
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v])
    : value && typeof value === "object" ? Object.entries(value) : null;
  if (!entries?.length) {
    const literal = value === NEVER ? "(undefined as never)" : value === null || value === undefined ? "undefined"
      : entries ? (Array.isArray(value) ? "[]" : "{}") : JSON.stringify(value);
    lines.push({ text: pad + prefix + literal + suffix, path: pathSoFar });
    return;
  }
  lines.push({ text: pad + prefix + (Array.isArray(value) ? "[" : "{"), path: pathSoFar });
  entries.forEach(([key, v], i) => serialize(v, [...pathSoFar, key], lines, indent + 1,
    Array.isArray(value) ? "" : `${JSON.stringify(key)}: `, i < entries.length - 1 ? "," : ""));
  lines.push({ text: pad + (Array.isArray(value) ? "]" : "}") + suffix, path: pathSoFar });
}

const formatPath = (p) => p.map((k) => typeof k === "number" ? `[${k}]` : /^[A-Za-z_][\w-]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`).join("") || "(object)";

// Makes a reported field harmless for the next round: an unknown field is dropped, a wrong value
// becomes `never` (assignable to anything), a missing required field is added as `never`.
function neutralize(data, fieldPath, code, message) {
  if (MISSING_REQUIRED.has(code)) {
    const target = fieldPath.reduce((node, key) => node?.[key], data);
    const names = /Property '"?([^'"]+)"?' is missing/.exec(message)?.[1]
      ?? /missing the following properties from type '[^']*': (.*?)(, and \d+ more)?\.?$/.exec(message)?.[1];
    if (!names || !target || typeof target !== "object" || Array.isArray(target)) return false;
    names.split(", ").forEach((name) => { target[name.replace(/"/g, "")] = NEVER; });
    return true;
  }
  const parent = fieldPath.slice(0, -1).reduce((node, key) => node?.[key], data);
  const key = fieldPath.at(-1);
  if (!fieldPath.length || !parent || typeof parent !== "object" || !(key in parent)) return false;
  if (code === 2353 && !Array.isArray(parent)) delete parent[key]; else parent[key] = NEVER;
  return true;
}

// Type-checks the objects. TypeScript reports one unknown, wrong or missing field per object literal
// at a time, so each reported field is neutralized and the object checked again, until none is left.
function check(objects, dir) {
  const options = { noEmit: true, strict: true, skipLibCheck: true, types: [], target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };
  const host = ts.createCompilerHost(options);
  const cache = new Map();
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (name, ...rest) => name.startsWith(dir) ? getSourceFile(name, ...rest)
    : cache.get(name) ?? cache.set(name, getSourceFile(name, ...rest)).get(name);
  let pending = objects;
  let oldProgram;
  for (let round = 0; pending.length && round < 100; round++) {
    const files = new Map();
    pending.forEach((o, i) => {
      const lines = [{ text: `import type { ${o.type.name} } from "${o.type.module}";`, path: [] }];
      serialize(o.data, [], lines, 0, `export const o: ${o.type.name} = `, ";");
      const file = path.join(dir, `o${round}-${i}.mts`);
      fs.writeFileSync(file, lines.map((l) => l.text).join("\n") + "\n");
      files.set(file, { o, lines });
    });
    const program = ts.createProgram({ rootNames: [...files.keys()], options, host, oldProgram });
    oldProgram = program;
    const changed = new Set();
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const entry = d.file && files.get(path.resolve(d.file.fileName));
      const text = ts.flattenDiagnosticMessageText(d.messageText, " ");
      if (!entry) throw new Error(`TypeScript: TS${d.code} ${text}`);
      const fieldPath = entry.lines[d.file.getLineAndCharacterOfPosition(d.start).line]?.path ?? [];
      const finding = `${entry.o.label}: ${formatPath(fieldPath)}: TS${d.code} ${text}`;
      if (entry.o.seen.has(finding)) continue;
      entry.o.seen.add(finding);
      entry.o.findings.push({ warning: MISSING_REQUIRED.has(d.code) && entry.o.type.crd, text: finding });
      if (neutralize(entry.o.data, fieldPath, d.code, text)) changed.add(entry.o);
    }
    pending = [...changed];
  }
}

const args = process.argv.slice(2);
if (args.some((a) => a.startsWith("-") && a !== "-")) {
  console.error("usage: check-schemas.mjs [FILE...]   (no FILE or -: read standard input)");
  process.exit(2);
}
const objects = [];
const problems = [];
try {
  for (const input of args.length ? args : ["-"]) {
    readObjects(input === "-" ? "stdin" : input, fs.readFileSync(input === "-" ? 0 : input, "utf8"), objects, problems);
  }
} catch (error) {
  console.error(`check-schemas: ${error.message}`);
  process.exit(2);
}
fs.mkdirSync(path.join(nodeModules, ".cache"), { recursive: true });
const dir = fs.mkdtempSync(path.join(nodeModules, ".cache", "check-schemas-"));
let failure;
try {
  check(objects, dir);
} catch (error) {
  failure = error;
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
if (failure) {
  console.error(`check-schemas: ${failure.message}`);
  process.exit(2);
}
const findings = objects.flatMap((o) => o.findings);
const errors = [...problems, ...findings.filter((f) => !f.warning).map((f) => f.text).sort()];
const warnings = findings.filter((f) => f.warning).map((f) => f.text).sort();
warnings.forEach((w) => console.error(`warning: ${w}`));
errors.forEach((e) => console.error(`error: ${e}`));
console.log(`check-schemas: ${objects.length} objects typed, ${errors.length} errors, ${warnings.length} warnings`);
process.exit(errors.length ? 1 : 0);
