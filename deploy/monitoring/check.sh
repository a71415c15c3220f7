#!/usr/bin/env bash
# Offline checks of deploy/monitoring: Prometheus configurations, alert rules and their unit tests
# (promtool), and the Grafana dashboards (JSON structure; every query parsed as PromQL by promtool).
# Needs promtool (Debian: apt-get install prometheus) and python3. ClusterMonitoringIT runs the same
# rules and dashboard queries against a live Prometheus.
set -euo pipefail
cd "$(dirname "$0")"

for tool in promtool python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "check.sh needs $tool (Debian: apt-get install prometheus python3)" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== configurations"
promtool check config --syntax-only prometheus.yml prometheus-monolith.yml prometheus-compose.yml
if ! promtool check config --syntax-only prometheus-k8s.yml 2>"$work/k8s.err"; then
  if grep -q 'field kubernetes_sd_configs not found' "$work/k8s.err"; then
    # Debian builds Prometheus without Kubernetes discovery: check everything else of the file,
    # with the pod discovery swapped for one static target
    echo "this promtool has no Kubernetes discovery (Debian's build): checking prometheus-k8s.yml with it replaced by a static target"
    sed -e 's/^    kubernetes_sd_configs:$/    static_configs:/' -e "s/^      - role: pod$/      - targets: ['pod.example:8081']/" \
      prometheus-k8s.yml > "$work/prometheus-k8s.yml"
    grep -q kubernetes_sd_configs "$work/prometheus-k8s.yml" && { echo "prometheus-k8s.yml: unexpected layout" >&2; exit 1; }
    cp -r rules "$work/"
    promtool check config --syntax-only "$work/prometheus-k8s.yml"
  else
    cat "$work/k8s.err" >&2
    exit 1
  fi
fi

echo "== alert rules"
promtool check rules rules/*.yml

echo "== alert rule unit tests"
promtool test rules rules/tests/*.yml

echo "== dashboards"
python3 - "$work/dashboard-queries.yml" <<'PY'
import glob, json, re, sys

BUILTIN = {"__rate_interval": "1m", "__interval": "1m", "__range": "1h"}
errors, queries, uids = [], [], {}

def fail(where, what):
    errors.append(f"{where}: {what}")

# every alert has a unit test
alerts = set()
for path in glob.glob("rules/*.yml"):
    alerts |= set(re.findall(r"^\s*- alert:\s*(\S+)", open(path).read(), re.M))
tested = set()
for path in glob.glob("rules/tests/*.yml"):
    tested |= set(re.findall(r"alertname:\s*(\S+)", open(path).read()))
for alert in sorted(alerts - tested):
    fail("rules", f"alert {alert} has no unit test in rules/tests/")

for path in sorted(glob.glob("grafana/*.json")):
    try:
        d = json.load(open(path))
    except ValueError as e:
        fail(path, f"not JSON: {e}")
        continue
    for key, kind in (("uid", str), ("title", str), ("panels", list), ("templating", dict), ("schemaVersion", int)):
        if not isinstance(d.get(key), kind):
            fail(path, f"'{key}' missing or not a {kind.__name__}")
    if errors and errors[-1].startswith(path):
        continue
    if d["uid"] in uids:
        fail(path, f"uid {d['uid']} also used by {uids[d['uid']]}")
    uids[d["uid"]] = path
    variables = {}
    for v in d["templating"].get("list", []):
        if not v.get("name") or not v.get("type"):
            fail(path, f"template variable without name or type: {v}")
            continue
        variables[v["name"]] = ".+" if v["type"] == "query" else "x"
        if v["type"] == "query":
            q = v.get("query")
            q = q.get("query") if isinstance(q, dict) else q
            m = re.fullmatch(r"label_values\((.*),\s*(\w+)\)", q or "")
            if not m:
                fail(path, f"variable {v['name']}: query is not label_values(<selector>, <label>): {q}")
            else:
                queries.append((path, "variable " + v["name"], m.group(1)))
    ids = set()
    for p in d["panels"]:
        where = f"{path} panel '{p.get('title')}'"
        for key in ("id", "type", "title", "gridPos", "datasource", "targets"):
            if key not in p:
                fail(where, f"no '{key}'")
        if p.get("id") in ids:
            fail(where, f"duplicate panel id {p.get('id')}")
        ids.add(p.get("id"))
        g = p.get("gridPos", {})
        if not all(isinstance(g.get(k), int) for k in "hwxy") or g.get("x", 0) + g.get("w", 0) > 24:
            fail(where, f"bad gridPos {g}")
        refs = set()
        for t in p.get("targets", []):
            if not t.get("expr") or not t.get("refId") or t["refId"] in refs:
                fail(where, f"target without expr, or refId missing/duplicate: {t}")
                continue
            refs.add(t["refId"])
            queries.append((path, p.get("title"), t["expr"]))

# substitute variables as Grafana does for "All" (.+), then let promtool parse every query
variables_of = {}
for path in sorted(glob.glob("grafana/*.json")):
    try:
        d = json.load(open(path))
        variables_of[path] = {v["name"]: (".+" if v["type"] == "query" else "x") for v in d["templating"]["list"]}
    except Exception:
        pass
with open(sys.argv[1], "w") as out:
    out.write("groups:\n  - name: dashboard-queries\n    rules:\n")
    for i, (path, where, expr) in enumerate(queries):
        def sub(m):
            name = m.group(1) or m.group(2)
            if name in BUILTIN:
                return BUILTIN[name]
            if name in variables_of.get(path, {}):
                return variables_of[path][name]
            fail(f"{path} {where}", f"undefined variable ${name}")
            return "x"
        e = re.sub(r"\$\{(\w+)\}|\$(\w+)", sub, expr)
        out.write(f"      - record: dashboard_query_{i}\n        expr: {json.dumps(e)}\n")

if errors:
    print("\n".join(errors), file=sys.stderr)
    sys.exit(1)
print(f"{len(glob.glob('grafana/*.json'))} dashboards, {len(queries)} queries")
PY
promtool check rules "$work/dashboard-queries.yml" >/dev/null || { promtool check rules "$work/dashboard-queries.yml"; exit 1; }
echo "all monitoring checks passed"
