// Every environment variable the manifests and compose files give one of the project's images must
// be a setting that image's application reads: Micronaut maps NAME to a property (lower case, "_" as
// "." or "-"), and the property must be in the configuration metadata of the image's jars
// (META-INF/spring-configuration-metadata.json, written for every @ConfigurationProperties), in
// its application.yml, or - for framework settings read by @Value/@Property without metadata, such
// as micronaut-grpc's grpc.server.port - a string constant in its classes; or a variable its logback
// configuration reads (COMMUNITY_LOG_FORMAT). A misspelled name would
// otherwise be ignored without a word.
// Usage: node check-env.mjs CONTEXTS FILE...
//   CONTEXTS: the staging folders of deploy/build-images.sh (target/image-context: <image>/app, /lib)
//   FILE: facts of validate-k8s.mjs (*.json) or compose files (*.yml, with their env_file files)
import { readFileSync, existsSync, readdirSync, mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { execFileSync } from "node:child_process";
import { parse, parseAllDocuments } from "yaml";

const [contexts, ...files] = process.argv.slice(2);
const IMAGES = ["monolith", "gateway", "user", "relation", "creation"];
// read by the image itself (deploy/docker/Dockerfile, probe), not by the application
const IMAGE_SETTINGS = new Set(["JAVA_OPTS", "HEALTH_PORT"]);

const entry = (jar, name) => {
  try {
    return execFileSync("unzip", ["-p", jar, name], { encoding: "utf8", maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "ignore"] });
  } catch (e) {
    return ""; // no such entry
  }
};
const yamlKeys = (text) => {
  const out = [];
  const walk = (n, path) => n && typeof n === "object" && !Array.isArray(n)
    ? Object.entries(n).forEach(([k, v]) => walk(v, [...path, k])) : out.push(path.join("."));
  for (const d of parseAllDocuments(text)) walk(d.toJS(), []);
  return out;
};
const properties = (image) => {
  const names = new Set();
  for (const layer of ["app", "lib"]) {
    const dir = join(contexts, image, layer);
    if (!existsSync(dir)) throw new Error(`${dir} is missing: run deploy/build-images.sh first`);
    for (const jar of readdirSync(dir).filter((f) => f.endsWith(".jar")).map((f) => join(dir, f))) {
      const meta = entry(jar, "META-INF/spring-configuration-metadata.json");
      if (meta) for (const p of JSON.parse(meta).properties ?? []) names.add(p.name);
      if (layer === "app") {
        for (const k of yamlKeys(entry(jar, "application.yml"))) names.add(k);
        // logging is configured before Micronaut starts: logback reads ${NAME:-default} itself
        const listing = execFileSync("unzip", ["-Z1", jar], { encoding: "utf8", maxBuffer: 64 << 20 }).split("\n");
        for (const xml of listing.filter((n) => n === "logback.xml" || /^io\/community\/logging\/.*\.xml$/.test(n))) {
          for (const m of entry(jar, xml).matchAll(/\$\{([A-Z][A-Z0-9_]*)(?::-[^}]*)?\}/g)) names.add(m[1]);
        }
      }
    }
  }
  return names;
};

const patterns = {};
for (const image of IMAGES) {
  patterns[image] = [...properties(image)].map((p) => {
    const env = p.toUpperCase().replace(/\[\*\]|\*/g, "\u0000").replace(/[.\-]/g, "_")
      .replace(/[^A-Z0-9_\u0000]/g, "");
    return new RegExp("^" + env.replace(/\u0000/g, "[A-Z0-9_]+") + "$");
  });
}

const uses = []; // [image, name, where]
const envFile = (f) => readFileSync(f, "utf8").split("\n").map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#")).map((l) => l.split("=")[0]);
for (const f of files) {
  if (f.endsWith(".json")) {
    for (const c of JSON.parse(readFileSync(f, "utf8"))) {
      const image = c.image.match(/^community\/([a-z]+)/)?.[1];
      if (image) for (const n of c.env) uses.push([image, n, `${f}: ${c.workload}`]);
    }
  } else if (f.endsWith(".yml") || f.endsWith(".yaml")) {
    for (const [svc, s] of Object.entries(parse(readFileSync(f, "utf8")).services ?? {})) {
      const image = String(s.image ?? "").match(/\/([a-z]+):/)?.[1];
      if (!IMAGES.includes(image)) continue;
      const env = Array.isArray(s.environment) ? s.environment.map((e) => e.split("=")[0]) : Object.keys(s.environment ?? {});
      for (const n of env) uses.push([image, n, `${f}: ${svc}`]);
      for (const ef of [].concat(s.env_file ?? [])) for (const n of envFile(join(dirname(f), ef))) uses.push([image, n, `${f}: ${svc} (${ef})`]);
    }
  }
}

// NAME -> every property it can stand for: each "_" a "." or a "-"
const candidates = (name) => {
  const parts = name.toLowerCase().split("_");
  let forms = [parts[0]];
  for (const part of parts.slice(1)) forms = forms.flatMap((f) => [`${f}.${part}`, `${f}-${part}`]);
  return forms;
};
const inClasses = new Map();
const constantInClasses = (image, name) => {
  const key = `${image}:${name}`;
  if (!inClasses.has(key)) {
    const patternsFile = join(mkdtempSync(join(tmpdir(), "check-env-")), "candidates");
    writeFileSync(patternsFile, candidates(name).join("\n") + "\n");
    // jars named like the setting's first word first (grpc.* -> *grpc*.jar): usually the first hit
    const first = name.split("_")[0].toLowerCase();
    const jars = ["app", "lib"].flatMap((layer) => readdirSync(join(contexts, image, layer))
      .filter((f) => f.endsWith(".jar")).map((f) => join(contexts, image, layer, f)))
      .sort((a, b) => Number(!a.toLowerCase().includes(first)) - Number(!b.toLowerCase().includes(first)));
    let found = false;
    for (const jar of jars) {
      try {
        execFileSync("sh", ["-c", 'unzip -p "$1" "*.class" 2>/dev/null | grep -a -q -F -f "$2"', "sh", jar, patternsFile],
          { stdio: "ignore" });
        found = true;
        break;
      } catch (e) { /* not in this jar */ }
    }
    rmSync(dirname(patternsFile), { recursive: true, force: true });
    inClasses.set(key, found);
  }
  return inClasses.get(key);
};

let bad = 0;
for (const [image, name, where] of uses) {
  if (IMAGE_SETTINGS.has(name)) continue;
  if (!patterns[image].some((re) => re.test(name)) && !constantInClasses(image, name)) {
    console.error(`${where}: ${name} is not a setting of the ${image} image's application`);
    bad++;
  }
}
if (bad) process.exit(1);
console.log(`${uses.length} env settings checked, each read by its image's application`);
