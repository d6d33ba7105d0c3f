#!/usr/bin/env python3
"""docs/sdk/ is for providers, who have the installed SDK and examples/, not
this repository: no page points into plugins/, tests/ or host/ sources (nor
into the SDK's own sources, sdk/src/), and every relative link resolves in
what is installed (docs/sdk/ itself, ../glossary.md, ../decisions/). The
CMakeLists.txt the author guide shows is the example's, line for line.

Usage: docs_for_outsiders.py DOCS_SDK_DIR EXAMPLE_CMAKELISTS"""
import pathlib
import re
import sys

# A path into this source tree: the name at the start of a path (not after
# another directory, so <prefix>/lib/wkb/plugins/ is fine).
INTERNAL = re.compile(r"(?<![\w./-])(plugins|tests|host|sdk/src|admission/src|bench)/")
# What docs/sdk/ may link to outside itself: installed with it (cmake/Install.cmake).
INSTALLED_OUTSIDE = {"glossary.md"}


def main():
    docs = pathlib.Path(sys.argv[1]).resolve()
    failures = []
    pages = sorted(docs.glob("*.md"))
    for page in pages:
        for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            for m in INTERNAL.finditer(line):
                failures.append(f"{page.name}:{n}: points into the source tree ({m.group(0)}...): {line.strip()}")
            for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", line):
                if re.match(r"^[a-z]+:", target):
                    continue  # a URL
                resolved = (page.parent / target).resolve()
                inside = resolved.parent == docs and resolved.exists()
                outside = resolved.parent == docs.parent and resolved.name in INSTALLED_OUTSIDE
                decisions = resolved.parent == docs.parent / "decisions" and resolved.exists()
                if not (inside or outside or decisions):
                    failures.append(f"{page.name}:{n}: link {target} is not part of the installed docs")
    guide = (docs / "author-guide.md").read_text(encoding="utf-8")
    shown = re.findall(r"```cmake\n(.*?)```", guide, re.S)
    example = [l for l in pathlib.Path(sys.argv[2]).read_text(encoding="utf-8").splitlines()
               if l.strip() and not l.startswith("#")]
    if not any(block.strip().splitlines() == example for block in shown):
        failures.append("author-guide.md does not show examples/minimal-instrument/CMakeLists.txt as it is")
    print(f"{len(pages)} pages checked")
    for f in failures:
        print("FAIL", f)
    return 1 if failures or not pages else 0


if __name__ == "__main__":
    sys.exit(main())
