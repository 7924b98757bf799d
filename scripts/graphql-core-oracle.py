#!/usr/bin/env python3
"""Checks (or, with --write, regenerates) the printSchema fixtures against graphql-core, the Python port of
graphql-js, which is the reference for GraphQLCore's SDL printing and type order.

For every Tests/Fixtures/GraphQLCore/<name>.graphql it computes print_schema(build_schema(sdl)) and the
schema's type order, and compares them with <name>.printed.graphql and <name>.types.txt, which the Swift
tests (SchemaPrinterTests) compare with our own output. So the two together check our output against a live
graphql-core. Needs graphql-core 3.2 (pip install graphql-core==3.2.8).
"""
import pathlib
import sys

from graphql import build_schema, get_introspection_query, print_schema

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "Fixtures" / "GraphQLCore"


def expected_outputs(sdl_path):
    schema = build_schema(sdl_path.read_text(encoding="utf-8"))
    return {
        sdl_path.with_suffix(".printed.graphql"): print_schema(schema) + "\n",
        sdl_path.with_suffix(".types.txt"): "\n".join(schema.type_map) + "\n",
    }


def introspection_query():
    """The query client tools send, with every optional part on, as the limits tests measure it."""
    text = get_introspection_query(
        descriptions=True, specified_by_url=True, directive_is_repeatable=True, schema_description=True,
        input_value_deprecation=True, input_object_one_of=True)
    return {FIXTURES / "introspection-query.txt": text.strip() + "\n"}


def main():
    write = "--write" in sys.argv[1:]
    failures = 0
    sources = sorted(p for p in FIXTURES.glob("*.graphql") if not p.name.endswith(".printed.graphql"))
    outputs = [expected_outputs(sdl_path) for sdl_path in sources] + [introspection_query()]
    for expected in outputs:
        for path, text in expected.items():
            if write:
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    path.write_text(text, encoding="utf-8")
                    print(f"wrote {path.relative_to(FIXTURES.parent.parent.parent)}")
            elif not path.exists() or path.read_text(encoding="utf-8") != text:
                print(f"MISMATCH: {path.name} differs from graphql-core's output")
                failures += 1
    if not write:
        print(f"graphql-core oracle: {len(sources)} fixture(s), {failures} mismatch(es)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
