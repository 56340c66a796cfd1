#!/usr/bin/env python3
"""What one search costs a reader: serves a built site on 127.0.0.1, opens
/search/?q=QUERY in headless Chromium through chromedriver, waits until the results
are shown, and sums the bytes the server sent for every file under pagefind/ (the
search runs in a web worker, whose fetches the page's own timings do not show).

    bench/query_bytes.py public/ Besprechung

Prints one line per kind of file and a total. Standard library only.
"""
import functools
import http.server
import json
import os
import threading
import urllib.parse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def call(base, method, path, body=None):
    data = json.dumps(body if body is not None else {}).encode() if method == "POST" else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.load(r)["value"]


SENT = []


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def copyfile(self, source, outputfile):
        path = urllib.parse.urlparse(self.path).path
        size = os.fstat(source.fileno()).st_size
        SENT.append((path, size))
        super().copyfile(source, outputfile)


def main():
    root, query = sys.argv[1], sys.argv[2]
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=root))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = (f"http://127.0.0.1:{httpd.server_address[1]}/search/?q="
           + urllib.parse.quote(query))
    driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    port = free_port()
    proc = subprocess.Popen([driver, f"--port={port}"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    profile = tempfile.mkdtemp()
    try:
        for _ in range(100):
            try:
                call(base, "GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        args = ["--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", f"--user-data-dir={profile}"]
        caps = {"capabilities": {"alwaysMatch": {"goog:chromeOptions": {
            "binary": shutil.which("chromium") or "/usr/bin/chromium", "args": args}}}}
        session = call(base, "POST", "/session", caps)["sessionId"]
        s = f"/session/{session}"
        start = time.time()
        call(base, "POST", s + "/url", {"url": url})
        script = ("const l = document.querySelector('[data-search-results]');"
                  "return l && l.getAttribute('aria-busy') === 'false' ? "
                  "[document.querySelector('[data-search-status]').innerText, "
                  "l.children.length] : null;")
        done = None
        while done is None and time.time() - start < 120:
            done = call(base, "POST", s + "/execute/sync", {"script": script, "args": []})
            if done is None:
                time.sleep(0.05)
        took = time.time() - start
        call(base, "DELETE", s)
        entries = [(p, n) for p, n in SENT if "/pagefind/" in p]
    finally:
        httpd.shutdown()
        proc.terminate()
        shutil.rmtree(profile, ignore_errors=True)
    if done is None:
        print("one query:        no results after 120 s")
        sys.exit(1)
    kinds = {}
    for path, size in entries:
        rel = path.split("/pagefind/", 1)[1]
        if rel.startswith("shard-"):
            rel = rel.split("/", 1)[1]
        if "/" in rel:
            kind = rel.split("/")[0]
        elif rel.endswith(".pf_meta"):
            kind = "meta"
        elif rel.startswith("wasm."):
            kind = "wasm"
        else:
            kind = "scripts and entry"
        k = kinds.setdefault(kind, [0, 0])
        k[0] += 1
        k[1] += size
    total = sum(size for _, size in entries)
    print(f"one query:        {done[0]}, {done[1]} shown after {took:.1f} s; "
          f"{len(entries)} files, {total / 1000:.0f} kB from pagefind/")
    for kind, (count, size) in sorted(kinds.items()):
        print(f"  {kind:<18}{count:>4} files {size / 1000:>8.1f} kB")


if __name__ == "__main__":
    main()
