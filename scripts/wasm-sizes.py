#!/usr/bin/env python3
"""Where the wasm's bytes go: code size per crate (raw, and gzip -9 of that crate's function
bodies together), read from the function names in the file.

    python3 scripts/wasm-sizes.py [$CARGO_TARGET_DIR/front/wasm32-unknown-unknown/wasm-release/frontend.wasm]

The default file is the whole app before splitting and wasm-opt. To see the main file the
Clients page loads, as shipped, build it again with names kept and v0 symbol names (which name
a generic function's type arguments), in directories of its own:

    CARGO_TARGET_DIR=/var/tmp/roster-target-v0 LEPTOS_SITE_ROOT=/var/tmp/site-v0 \
    RUSTFLAGS="--cfg erase_components -C symbol-mangling-version=v0" \
    LEPTOS_WASM_OPT_FEATURES="-Oz,--converge,--enable-bulk-memory,--enable-nontrapping-float-to-int,-g" \
    cargo leptos build --release --split --frontend-only
    python3 scripts/wasm-sizes.py /var/tmp/site-v0/pkg/roster.*.wasm

With v0 names it also splits the code three ways: the app's own functions, library functions
instantiated for the app's types (a signal, view or deserializer of an app type), and library
code that is the same whatever the app is. With `rustfilt` on PATH (`cargo install rustfilt`)
it then charges every function that names the app to the first app module it names (up to
three levels: `components::table::editable_row`), so a component's views, closures, signals
and deserializers are counted together.
"""
import os
import re
import shutil
import subprocess
import sys
import zlib
from collections import Counter, defaultdict

V0_CRATE_ROOT = re.compile(r"C(?:s[0-9a-zA-Z]*_)?(\d+)")
APP_CRATES = ("app", "frontend")


def v0_crates(name):
    """The crates a v0 symbol name mentions, in order (the first is where it is defined)."""
    found = []
    for m in V0_CRATE_ROOT.finditer(name):
        ident = name[m.end() : m.end() + int(m.group(1))]
        if re.fullmatch(r"[a-z_][a-z0-9_]*", ident):
            found.append(ident)
    return found


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


APP_MODULE = re.compile(r"\b(?:app|frontend)((?:::[a-z_][a-z0-9_]*){1,3})")


def app_modules(names):
    """The first app module each (v0) name mentions, demangled by rustfilt; None if none."""
    demangled = subprocess.run(
        ["rustfilt"], input="\n".join(names), capture_output=True, text=True, check=True
    ).stdout.split("\n")
    out = []
    for name in demangled:
        m = APP_MODULE.search(name)
        out.append(m.group(1)[2:] if m else None)
    return out


def crate_of(name):
    if name.startswith("_R"):
        crates = v0_crates(name)
        return crates[0] if crates else "(other)"
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
    bodies = defaultdict(list)
    by_kind = Counter()
    kind_bodies = defaultdict(list)
    count, i = leb(code, 0)
    functions = []
    for index in range(count):
        size, j = leb(code, i)
        name = function_names.get(imports + index, "(unnamed)")
        functions.append((name, code[j : j + size], size + (j - i)))
        crate = crate_of(name)
        by_crate[crate] += size + (j - i)
        bodies[crate].append(code[j : j + size])
        if name.startswith("_R"):
            mentioned = v0_crates(name)
            if crate in APP_CRATES:
                kind = "the app's own functions"
            elif any(c in APP_CRATES for c in mentioned):
                kind = "library code for the app's types"
            else:
                kind = "library code, whatever the app"
            by_kind[kind] += size + (j - i)
            kind_bodies[kind].append(code[j : j + size])
        i = j + size
    total = len(data)
    print(f"{path}: {total / 1024:.0f} KB, {len(zlib.compress(data, 9)) / 1024:.0f} KB gzip")
    labels = {0: "custom (names, producers)", 10: "code", 11: "data", 2: "imports", 7: "exports"}
    for kind, size in by_section.most_common(5):
        print(f"  section {labels.get(kind, kind)}: {size / 1024:.0f} KB")
    code_total = sum(by_crate.values())

    def gzip_kb(parts):
        return len(zlib.compress(b"".join(parts), 9)) / 1024

    v0 = [f for f in functions if f[0].startswith("_R")]
    if v0 and shutil.which("rustfilt"):
        by_module = Counter()
        module_bodies = defaultdict(list)
        for (name, body, size), module in zip(v0, app_modules([f[0] for f in v0])):
            if module:
                by_module[module] += size
                module_bodies[module].append(body)
        print(f"\ncode naming the app, by the first app module it names:")
        for module, size in by_module.most_common(40):
            print(f"  {module:48} {size / 1024:8.1f} KB  {gzip_kb(module_bodies[module]):7.1f} KB gzip")
    if by_kind:
        print(f"\ncode by kind ({code_total / 1024:.0f} KB):")
        for kind, size in by_kind.most_common():
            print(f"  {kind:40} {size / 1024:8.1f} KB  {gzip_kb(kind_bodies[kind]):7.1f} KB gzip")
    print(f"\ncode by crate ({code_total / 1024:.0f} KB):")
    for crate, size in by_crate.most_common(25):
        print(
            f"  {crate:40} {size / 1024:8.1f} KB  {100 * size / code_total:5.1f}%"
            f"  {gzip_kb(bodies[crate]):7.1f} KB gzip"
        )


main()
