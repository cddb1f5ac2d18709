#!/usr/bin/env python3
"""Where the wasm bytes are: twiggy's items of a wasm that kept its names, in tables.

Usage: scripts/wasm-top.py NAMED_WASM [N] [--markdown]

NAMED_WASM is the portal's wasm optimised like the shipped one but with its name section kept (bench.sh section
1c builds it: wasm-bindgen, then `wasm-opt -Oz -g`). The name section is not shipped, so it is left out and every
percentage is of the rest (within a fraction of a percent of the shipped wasm). Prints the N (30) largest items
by shallow size (`twiggy top`), then the same bytes summed by crate, by module of qrbadge and qrpin, and by the
kinds of code that size work looks for first. --markdown prints the top table for bench/README.md instead.
A figure for size work, not a test.
"""
import json
import re
import subprocess
import sys
from collections import Counter

# Custom sections the name section is split into by twiggy; `-g` keeps them, the shipped wasm has none.
NAMES = re.compile(r'^"(function|data|local|global|module|type|table|memory|elem|label|field|tag) names" subsection$')
HASH = re.compile(r"::h[0-9a-f]{16}$")
# The first path segment that names a crate: `<F as leptos_router::…>` is leptos_router's, `core[1a2b…]::fmt` core's.
CRATE = re.compile(r"([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::")
OURS = ("qrbadge", "qrpin")

# What to look at first, by item name (an item counts in the first kind it matches).
KINDS = [
    ("serde derives for our types", re.compile(
        r"(impl serde(_core)?::(de::Deserialize|ser::Serialize) for (qrbadge|qrpin)::"
        r"|(qrbadge|qrpin)::[\w:]*::_::<impl serde|(qrbadge|qrpin)::\S*__(Field)?Visitor)")),
    ("serde_json::Value", re.compile(r"serde_json::value::")),
    ("serde and serde_json, other", re.compile(r"serde_json::|serde(_core)?::")),
    ("core::fmt (format!, Display, Debug, floats)", re.compile(
        r"core(\[[0-9a-f]+\])?::fmt::|alloc(\[[0-9a-f]+\])?::fmt::|core(\[[0-9a-f]+\])?::num::flt2dec::"
        r"|as core::fmt::(Display|Debug)>::fmt")),
    ("views of qrbadge (components, pages)", re.compile(r"qrbadge::(components|pages)::|qrbadge::__component_")),
    ("tachys (rendering, generic over each view)", re.compile(r"tachys::")),
    ("reactive_graph (signals, resources, effects)", re.compile(r"reactive_graph::")),
    ("leptos_router", re.compile(r"leptos_router::")),
]


def crate_of(name):
    found = CRATE.search(name.lstrip("<&"))
    return found.group(1) if found else "(no crate in the name)"


def module_of(name):
    """`qrbadge::pages::kiosk::…` → qrbadge::pages::kiosk; anything else → None."""
    found = re.search(r"\b((?:qrbadge|qrpin)(?:::[a-z_][a-z0-9_]*){0,2})", name)
    if not found:
        return None
    parts = [p for p in found.group(1).split("::") if not p.startswith("__component") and p != "_"]
    if len(parts) == 3 and parts[1] not in ("pages", "components", "auth", "graph", "commands", "print"):
        parts = parts[:2]
    if parts == ["qrbadge", "main"]:
        return "qrbadge::main (src/main.rs: the mount, with what the compiler inlined into it)"
    return "::".join(parts) if len(parts) > 1 else f"{parts[0]} (its crate root: App, Startup, Portal, Shell, …)"



def table(rows, total, header, width=110):
    print(f"  {'bytes':>9} {'%':>6}  {header}")
    for size, label in rows:
        label = label if len(label) <= width else label[: width - 1] + "…"
        print(f"  {size:9d} {100 * size / total:5.2f}%  {label}")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    markdown = "--markdown" in sys.argv
    top = int(args[1]) if len(args) > 1 else 30
    out = subprocess.run(["twiggy", "top", "-f", "json", args[0]], check=True, capture_output=True, text=True)
    items = [i for i in json.loads(out.stdout) if not NAMES.match(i["name"])]
    names_bytes = sum(i["shallow_size"] for i in json.loads(out.stdout)) - sum(i["shallow_size"] for i in items)
    total = sum(i["shallow_size"] for i in items)
    ranked = sorted(items, key=lambda i: -i["shallow_size"])[:top]

    if markdown:
        print("| # | shallow bytes | % | item |")
        print("|---:|---:|---:|---|")
        for n, i in enumerate(ranked, 1):
            print(f"| {n} | {i['shallow_size']:,} | {100 * i['shallow_size'] / total:.2f} | `{HASH.sub('', i['name'])}` |")
        return

    print(f"  {total} B without the name section ({names_bytes} B of names, not shipped), {len(items)} items")
    print(f"  the {top} largest items (twiggy top; shallow bytes: the item alone):")
    table([(i["shallow_size"], HASH.sub("", i["name"])) for i in ranked], total, "item")

    functions = [i for i in items if "::" in i["name"]]
    other = Counter()
    for i in items:
        if "::" not in i["name"]:
            other["data segments" if i["name"].startswith("data segment") else "other (tables, elements, "
                  "unnamed code, imports, exports, types)"] += i["shallow_size"]
    print("  by crate (functions by the first crate in their name; generic code counts for the crate that defines it):")
    by_crate = Counter()
    for i in functions:
        by_crate[crate_of(i["name"])] += i["shallow_size"]
    table([(s, k) for k, s in by_crate.most_common(15)] + [(s, k) for k, s in other.items()], total, "crate")

    print("  qrbadge and qrpin by module (every item whose name mentions one, generic code for our types included):")
    by_module = Counter()
    for i in functions:
        module = module_of(i["name"])
        if module:
            by_module[module] += i["shallow_size"]
    table([(s, k) for k, s in by_module.most_common(20)], total, "module")

    print("  by kind (an item counts once, in the first kind it matches):")
    by_kind = Counter()
    for i in functions:
        kind = next((label for label, pattern in KINDS if pattern.search(i["name"])), None)
        if kind:
            by_kind[kind] += i["shallow_size"]
    table([(by_kind[label], label) for label, _ in KINDS], total, "kind")

    print("  the same function instantiated many times (name without its hash; copies, bytes):")
    copies = Counter()
    count = Counter()
    for i in functions:
        key = HASH.sub("", i["name"])
        copies[key] += i["shallow_size"]
        count[key] += 1
    repeated = [(size, f"{count[key]:4d}x  {key}") for key, size in copies.most_common() if count[key] > 1][:12]
    table(repeated, total, "copies  function")


if __name__ == "__main__":
    main()
