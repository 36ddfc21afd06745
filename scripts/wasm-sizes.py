#!/usr/bin/env python3
"""Where the wasm's bytes go: code size per crate, read from the function names wasm-bindgen
leaves in the unoptimized release wasm (wasm-opt strips them from the shipped file).

    python3 scripts/wasm-sizes.py [$CARGO_TARGET_DIR/front/wasm32-unknown-unknown/wasm-release/frontend.wasm]
"""
import os
import re
import sys
from collections import Counter


def leb(data, i):
    result = shift = 0
    while True:
        byte = data[i]
        i += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return result, i


def sections(data):
    i = 8
    while i < len(data):
        kind = data[i]
        size, i = leb(data, i + 1)
        yield kind, data[i : i + size]
        i += size


def imported_functions(body):
    count, i = leb(body, 0)
    funcs = 0
    for _ in range(count):
        for _ in range(2):  # module, field
            n, i = leb(body, i)
            i += n
        kind = body[i]
        i += 1
        if kind == 0:
            _, i = leb(body, i)
            funcs += 1
        elif kind == 1:
            i += 1
            flags, i = leb(body, i)
            _, i = leb(body, i)
            if flags & 1:
                _, i = leb(body, i)
        elif kind == 2:
            flags, i = leb(body, i)
            _, i = leb(body, i)
            if flags & 1:
                _, i = leb(body, i)
        elif kind == 3:
            i += 2
    return funcs


def names(body):
    i = 0
    n, i = leb(body, i)
    if body[i : i + n] != b"name":
        return {}
    i += n
    out = {}
    while i < len(body):
        sub = body[i]
        size, i = leb(body, i + 1)
        end = i + size
        if sub == 1:
            count, j = leb(body, i)
            for _ in range(count):
                index, j = leb(body, j)
                length, j = leb(body, j)
                out[index] = body[j : j + length].decode("utf-8", "replace")
                j += length
        i = end
    return out


def crate_of(name):
    # Legacy mangling: _ZN<len><ident>...; v0 and demangled names are read loosely.
    m = re.match(r"_ZN(\d+)", name)
    if m:
        n = int(m.group(1))
        start = m.end()
        ident = name[start : start + n]
        if ident.startswith("_$LT$"):
            inner = re.search(r"_\$LT\$([a-z0-9_]+)", ident)
            return (inner.group(1) if inner else "generic impls") + " (impl)"
        return ident
    m = re.match(r"<?([a-z0-9_]+)::", name)
    return m.group(1) if m else "(other)"


def main():
    default = os.path.join(
        os.environ.get("CARGO_TARGET_DIR", "target"),
        "front/wasm32-unknown-unknown/wasm-release/frontend.wasm",
    )
    path = sys.argv[1] if len(sys.argv) > 1 else default
    data = open(path, "rb").read()
    imports = 0
    code = None
    function_names = {}
    by_section = Counter()
    for kind, body in sections(data):
        by_section[kind] += len(body)
        if kind == 2:
            imports = imported_functions(body)
        elif kind == 10:
            code = body
        elif kind == 0:
            function_names.update(names(body))
    by_crate = Counter()
    count, i = leb(code, 0)
    for index in range(count):
        size, j = leb(code, i)
        name = function_names.get(imports + index, "(unnamed)")
        by_crate[crate_of(name)] += size + (j - i)
        i = j + size
    total = len(data)
    print(f"{path}: {total / 1024:.0f} KB before wasm-opt")
    labels = {0: "custom (names, producers)", 10: "code", 11: "data", 2: "imports", 7: "exports"}
    for kind, size in by_section.most_common(5):
        print(f"  section {labels.get(kind, kind)}: {size / 1024:.0f} KB")
    code_total = sum(by_crate.values())
    print(f"\ncode by crate ({code_total / 1024:.0f} KB):")
    for crate, size in by_crate.most_common(25):
        print(f"  {crate:40} {size / 1024:8.1f} KB  {100 * size / code_total:5.1f}%")


main()
