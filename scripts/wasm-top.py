#!/usr/bin/env python3
"""Where the wasm bytes go: sums function body sizes by crate from the name section.

Usage: scripts/wasm-top.py target/wasm-bindgen/release/qrbadge_bg.wasm [N]
Reads the wasm-bindgen output (before wasm-opt strips names). A figure for size work, not a test.
"""
import re
import sys
from collections import Counter


def leb(data, pos):
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, pos


def sections(data):
    pos = 8
    while pos < len(data):
        sid = data[pos]
        size, pos = leb(data, pos + 1)
        yield sid, data[pos:pos + size]
        pos += size


def main():
    data = open(sys.argv[1], "rb").read()
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    imports = 0
    bodies, names = [], {}
    for sid, body in sections(data):
        if sid == 2:  # imports: function imports shift the function index space
            count, p = leb(body, 0)
            for _ in range(count):
                for _ in range(2):
                    n, p = leb(body, p)
                    p += n
                kind = body[p]
                p += 1
                if kind == 0:
                    imports += 1
                    _, p = leb(body, p)
                elif kind == 1:
                    p += 1
                    flags = body[p]
                    _, p = leb(body, p + 1)
                    if flags & 1:
                        _, p = leb(body, p)
                elif kind == 2:
                    flags = body[p]
                    _, p = leb(body, p + 1)
                    if flags & 1:
                        _, p = leb(body, p)
                elif kind == 3:
                    p += 2
        elif sid == 10:
            count, p = leb(body, 0)
            for _ in range(count):
                size, p = leb(body, p)
                bodies.append(size)
                p += size
        elif sid == 0:
            n, p = leb(body, 0)
            if body[p:p + n] != b"name":
                continue
            p += n
            while p < len(body):
                sub = body[p]
                size, p = leb(body, p + 1)
                end = p + size
                if sub == 1:
                    count, q = leb(body, p)
                    for _ in range(count):
                        idx, q = leb(body, q)
                        n, q = leb(body, q)
                        names[idx] = body[q:q + n].decode("utf-8", "replace")
                        q += n
                p = end
    by_crate = Counter()
    for i, size in enumerate(bodies):
        name = names.get(i + imports, "?")
        m = re.match(r"^_?<?&?(?:mut )?(?:dyn )?([A-Za-z0-9_]+)", name.lstrip("<"))
        by_crate[m.group(1) if m else "?"] += size
    total = sum(bodies)
    print(f"code bytes: {total} in {len(bodies)} functions")
    for crate, size in by_crate.most_common(top):
        print(f"{size:9d} {100 * size / total:5.1f}%  {crate}")


if __name__ == "__main__":
    main()
