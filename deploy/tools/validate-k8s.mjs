// Offline schema check of rendered Kubernetes manifests (multi-document YAML files):
//  1. kubernetes-models' JSON schemas: types, required fields, formats;
//  2. TypeScript with kubernetes-types: every document becomes a typed constant, so an unknown or
//     misspelled field (e.g. "readinesProbe") fails tsc's excess-property check, which (1) lets pass.
// Usage: node validate-k8s.mjs FILE... [--facts OUT.json]
//   --facts writes, per container: image, ports, probes (path + resolved port), env names.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const factsAt = args.indexOf("--facts");
const factsFile = factsAt >= 0 ? args.splice(factsAt, 2)[1] : null;
if (args.length === 0) {
  console.error("usage: node validate-k8s.mjs FILE... [--facts OUT.json]");
  process.exit(2);
}

const docs = [];
for (const file of args) {
  for (const d of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`);
    const obj = d.toJS();
    if (obj) docs.push({ file, obj });
  }
}

// apiVersion -> module path: "v1" -> core/v1, "apps/v1" -> apps/v1, "networking.k8s.io/v1" -> networking(.k8s.io)/v1
function modelsPath(apiVersion) {
  return apiVersion.includes("/") ? apiVersion : `v1`;
}
function typesPath(apiVersion) {
  if (!apiVersion.includes("/")) return `core/${apiVersion}`;
  const [group, version] = apiVersion.split("/");
  return `${group.split(".")[0]}/${version}`;
}
const label = (o) => `${o.kind}/${o.metadata?.name ?? "?"}`;

let failures = 0;
// 1. JSON schemas
for (const { file, obj } of docs) {
  if (!obj.apiVersion || !obj.kind) {
    console.error(`${file}: a document without apiVersion/kind`);
    failures++;
    continue;
  }
  let Model;
  try {
    Model = require(`kubernetes-models/${modelsPath(obj.apiVersion)}`)[obj.kind];
  } catch (e) {
    Model = undefined;
  }
  if (!Model) {
    console.error(`${file}: ${label(obj)}: unknown kind for ${obj.apiVersion}`);
    failures++;
    continue;
  }
  try {
    new Model(obj).validate();
  } catch (e) {
    console.error(`${file}: ${label(obj)}: ${e.message}`);
    failures++;
  }
}

// 2. excess properties and types through tsc
// inside this folder, so that "kubernetes-types" resolves from its node_modules
const work = mkdtempSync(join(here, ".work-"));
try {
  const imports = new Map();
  const lines = [];
  docs.forEach(({ obj }, i) => {
    if (!obj.apiVersion || !obj.kind) return;
    const path = `kubernetes-types/${typesPath(obj.apiVersion)}`;
    const alias = `${obj.kind}_${typesPath(obj.apiVersion).replace(/\W/g, "_")}`;
    imports.set(alias, `import type { ${obj.kind} as ${alias} } from "${path}";`);
    lines.push(`// ${label(obj)}`, `export const doc${i}: ${alias} = ${JSON.stringify(obj, null, 2)};`);
  });
  writeFileSync(join(work, "manifests.ts"), [...imports.values(), ...lines].join("\n") + "\n");
  const tsc = join(here, "node_modules", "typescript", "bin", "tsc");
  try {
    execFileSync(process.execPath, [tsc, "--noEmit", "--strict", "--skipLibCheck",
      "--module", "commonjs", "--moduleResolution", "node", "--target", "es2020",
      join(work, "manifests.ts")], { cwd: here, stdio: "pipe" });
  } catch (e) {
    // name the document of each error: the comment line above its constant
    const source = readFileSync(join(work, "manifests.ts"), "utf8").split("\n");
    for (const line of String(e.stdout).split("\n").filter((l) => l.includes("error TS"))) {
      const at = Number((line.match(/manifests\.ts\((\d+),/) || [])[1] || 0);
      let doc = "?";
      for (let n = at - 1; n >= 0; n--) if (source[n]?.startsWith("// ")) { doc = source[n].slice(3); break; }
      console.error(`${doc}: ${line.replace(/^.*error TS\d+: /, "")}`);
      failures++;
    }
    if (failures === 0) throw e;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (factsFile) {
  const facts = [];
  for (const { obj } of docs) {
    const spec = obj.spec?.template?.spec;
    if (!spec) continue;
    for (const c of spec.containers ?? []) {
      const ports = Object.fromEntries((c.ports ?? []).map((p) => [p.name ?? String(p.containerPort), p.containerPort]));
      const probe = (p) => p?.httpGet && { path: p.httpGet.path, port: typeof p.httpGet.port === "number" ? p.httpGet.port : ports[p.httpGet.port] };
      facts.push({
        workload: label(obj), container: c.name, image: c.image, ports,
        probes: { startup: probe(c.startupProbe), liveness: probe(c.livenessProbe), readiness: probe(c.readinessProbe) },
        env: [...(c.env ?? []).map((e) => e.name),
              ...(c.envFrom ?? []).flatMap((f) => {
                const cm = f.configMapRef && docs.find((d) => d.obj.kind === "ConfigMap" && d.obj.metadata?.name === f.configMapRef.name);
                return cm ? Object.keys(cm.obj.data ?? {}) : [];
              })],
      });
    }
  }
  writeFileSync(factsFile, JSON.stringify(facts, null, 2));
}

if (failures) {
  console.error(`${failures} problem(s) in ${args.join(", ")}`);
  process.exit(1);
}
console.log(`${docs.length} documents valid: ${args.join(", ")}`);
