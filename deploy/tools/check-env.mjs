// Every environment variable the manifests and compose files give one of the project's images must
// be a setting that image's application reads: Micronaut maps NAME to a property (lower case, "_" as
// "." or "-"), and the property must be in the configuration metadata of the image's jars
// (META-INF/spring-configuration-metadata.json, written for every @ConfigurationProperties) or in
// its application.yml. A misspelled name would otherwise be ignored without a word.
// Usage: node check-env.mjs PROPS_DIR FILE...   (PROPS_DIR/<image>.props: one property a line;
//        FILE: facts of validate-k8s.mjs (*.json), compose files (*.yml), env files (*.env))
import { readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";

const [propsDir, ...files] = process.argv.slice(2);
const IMAGES = ["monolith", "gateway", "user", "relation", "creation"];
// read by the image itself (deploy/docker/Dockerfile, probe), not by the application
const IMAGE_SETTINGS = new Set(["JAVA_OPTS", "HEALTH_PORT"]);

const patterns = {};
for (const image of IMAGES) {
  const file = join(propsDir, `${image}.props`);
  if (!existsSync(file)) throw new Error(`${file} is missing`);
  patterns[image] = [...new Set(readFileSync(file, "utf8").split("\n").filter(Boolean))].map((p) => {
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

let bad = 0;
for (const [image, name, where] of uses) {
  if (IMAGE_SETTINGS.has(name)) continue;
  if (!patterns[image].some((re) => re.test(name))) {
    console.error(`${where}: ${name} is not a setting of the ${image} image's application`);
    bad++;
  }
}
if (bad) process.exit(1);
console.log(`${uses.length} env settings checked, each read by its image's application`);
