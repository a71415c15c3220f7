#!/usr/bin/env python3
"""Sends every request of docs/requests.http with curl, in order, and fails unless each answers
200 with {"code": 0}. Fills the variables the file asks a person to fill: fresh emails per run, the
registration codes from the server's log (embedded defaults: mails go to the log), ids and tokens
from the answers.

    java -jar community-single/target/community-single.jar > /tmp/community.log 2>&1 &
    python3 docs/check-requests.py http://localhost:8080 /tmp/community.log
"""
import json
import pathlib
import re
import subprocess
import sys
import time
import uuid

HTTP_FILE = pathlib.Path(__file__).with_name("requests.http")

# request title (prefix) -> {variable: path into the answer's data}
CAPTURES = {
    "Log in as Alice": {"aliceId": "id", "aliceToken": "token"},
    "Log in as Bob": {"bobId": "id", "bobToken": "token"},
    "Bob writes a text post": {"textPostId": "post.id"},
    "Bob posts pictures": {"imagePostId": "post.id"},
    "Bob posts a video": {"videoPostId": "post.id"},
    "Alice comments": {"commentId": "comment.id"},
    "Bob replies": {"replyId": "comment.id"},
    "Alice's collects": {"collectId": "collects.0.id"},
}
# request title (prefix) -> (code variable, email variable) to read from the log first
CODES = {
    "Register Alice": ("aliceCode", "aliceEmail"),
    "Register Bob": ("bobCode", "bobEmail"),
}


def parse(text):
    variables, requests, current = {}, [], None
    for line in text.splitlines():
        if line.startswith("###"):
            current = {"title": line[3:].strip(), "lines": []}
            requests.append(current)
        elif current is None:
            m = re.match(r"^@(\w+)\s*=\s*(.*)$", line)
            if m:
                variables[m.group(1)] = m.group(2).strip()
        else:
            current["lines"].append(line)
    parsed = []
    for r in requests:
        lines = [l for l in r["lines"] if not l.startswith("#")]
        while lines and not lines[0].strip():
            lines.pop(0)
        method, url = lines[0].split(" ", 1)
        headers, i = [], 1
        while i < len(lines) and lines[i].strip():
            headers.append(lines[i])
            i += 1
        body = "\n".join(lines[i:]).strip()
        parsed.append({"title": r["title"], "method": method, "url": url.strip(), "headers": headers, "body": body})
    return variables, parsed


def fill(text, variables):
    return re.sub(r"\{\{(\w+)}}", lambda m: str(variables[m.group(1)]), text)


def dig(data, path):
    for part in path.split("."):
        data = data[int(part)] if part.isdigit() else data[part]
    return data


def code_from_log(log, email, deadline=10):
    pattern = re.compile(r"To: " + re.escape(email) + r"\n.*?Your verification code is (\d{6})", re.S)
    end = time.time() + deadline
    while time.time() < end:
        found = pattern.findall(pathlib.Path(log).read_text(errors="replace"))
        if found:
            return found[-1]
        time.sleep(0.2)
    raise SystemExit(f"no verification code for {email} in {log}")


def send(request, variables):
    url = fill(request["url"], variables)
    cmd = ["curl", "-sS", "-X", request["method"], url, "-w", "\n%{http_code}"]
    for h in request["headers"]:
        cmd += ["-H", fill(h, variables)]
    if request["body"]:
        cmd += ["--data-binary", fill(request["body"], variables)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    body, status = out.rsplit("\n", 1)
    return int(status), body


def main():
    host, log = sys.argv[1], sys.argv[2]
    variables, requests = parse(HTTP_FILE.read_text())
    run = uuid.uuid4().hex[:8]
    variables.update(host=host, aliceEmail=f"alice-{run}@example.com", bobEmail=f"bob-{run}@example.com")
    failures = 0
    for n, request in enumerate(requests, 1):
        for prefix, (code_var, email_var) in CODES.items():
            if request["title"].startswith(prefix):
                variables[code_var] = code_from_log(log, variables[email_var])
        status, body = send(request, variables)
        try:
            answer = json.loads(body)
        except ValueError:
            answer = {}
        ok = status == 200 and answer.get("code") == 0
        failures += not ok
        title = request["title"] or "(untitled)"
        print(f"{'ok  ' if ok else 'FAIL'} {n:2} {status} {request['method']} {fill(request['url'], variables)}  # {title}")
        if not ok:
            print("     " + body[:300])
            continue
        for prefix, captures in CAPTURES.items():
            if title.startswith(prefix):
                for var, path in captures.items():
                    variables[var] = dig(answer["data"], path)
    # the last request logged Alice out: her token must be refused now
    status, _ = send({"method": "GET", "url": "{{host}}/api/v1/user/{{aliceId}}",
                      "headers": ["Authorization: Bearer {{aliceToken}}"], "body": ""}, variables)
    print(f"{'ok  ' if status == 401 else 'FAIL'}    {status} the logged-out token is refused")
    failures += status != 401
    print(f"{len(requests)} requests, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
