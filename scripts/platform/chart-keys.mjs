#!/usr/bin/env node
// Key paths of a Helm chart's values.yaml, for the fixtures that pin what our values files may set:
//   node scripts/platform/chart-keys.mjs VALUES_YAML [PREFIX=SUBCHART_VALUES_YAML ...] [--strip KEY]
// One path per line, sorted: every mapping key as a dotted path (a key containing a dot is written
// ["a.b"]), a list as path[] and the keys of its mapping items as path[].key. A subchart's values are
// added under its alias (grafana=…/grafana/values.yaml). --strip KEY drops a top-level wrapper whose
// children users set at the top level (Istio's charts keep their defaults under
// _internal_defaults_do_not_set). Comments are not read: a key the chart only documents in a comment
// is not a key of the chart's values.
import fs from "node:fs";
import { parse } from "yaml";

const args = process.argv.slice(2);
const strip = [];
const inputs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--strip") strip.push(args[++i]);
  else inputs.push(args[i]);
}
if (!inputs.length) {
  console.error("usage: chart-keys.mjs VALUES_YAML [PREFIX=SUBCHART_VALUES_YAML ...] [--strip KEY]");
  process.exit(2);
}

export function segment(key) {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : `[${JSON.stringify(key)}]`;
}

function walk(value, path, out) {
  if (Array.isArray(value)) {
    const list = `${path}[]`;
    out.add(list);
    for (const item of value) walk(item, list, out);
  } else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}${segment(key).startsWith("[") ? "" : "."}${segment(key)}` : segment(key);
      out.add(childPath);
      walk(child, childPath, out);
    }
  }
}

const paths = new Set();
for (const input of inputs) {
  const [prefix, file] = input.includes("=") ? input.split("=", 2) : ["", input];
  let values = parse(fs.readFileSync(file, "utf8"), { version: "1.1" }) ?? {};
  for (const wrapper of strip) {
    if (values[wrapper] && typeof values[wrapper] === "object") {
      values = { ...values, ...values[wrapper] };
      delete values[wrapper];
    }
  }
  if (prefix) paths.add(prefix);
  walk(values, prefix, paths);
}
process.stdout.write([...paths].sort().join("\n") + "\n");
