#!/usr/bin/env python3
"""Checks (or, with --write, regenerates) the printSchema fixtures against graphql-core, the Python port of
graphql-js, which is the reference for GraphQLCore's SDL printing and type order.

For every Tests/Fixtures/GraphQLCore/<name>.graphql it computes print_schema(build_schema(sdl)), the
schema's type order and print_ast(parse(sdl)), and compares them with <name>.printed.graphql,
<name>.types.txt and <name>.ast.txt, which the Swift
tests (SchemaPrinterTests) compare with our own output. So the two together check our output against a live
graphql-core. Run it through scripts/graphql-oracle, which uses the pinned venv from scripts/lib.sh (ensure_graphql_oracle).
"""
import json
import pathlib
import random
import sys

from graphql import GraphQLError, build_schema, get_introspection_query, parse, print_ast, print_schema

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "Fixtures" / "GraphQLCore"


def expected_outputs(sdl_path):
    sdl = sdl_path.read_text(encoding="utf-8")
    schema = build_schema(sdl)
    return {
        sdl_path.with_suffix(".ast.txt"): print_ast(parse(sdl)) + "\n",
        sdl_path.with_suffix(".printed.graphql"): print_schema(schema) + "\n",
        sdl_path.with_suffix(".types.txt"): "\n".join(schema.type_map) + "\n",
    }


def introspection_query():
    """The query client tools send, with every optional part on, as the limits tests measure it."""
    text = get_introspection_query(
        descriptions=True, specified_by_url=True, directive_is_repeatable=True, schema_description=True,
        input_value_deprecation=True, input_object_one_of=True)
    return {FIXTURES / "introspection-query.txt": text.strip() + "\n"}


PARSER_SEEDS = [
    'query Q($a: Int = 1, $b: [String!]! @d) @x { f(a: $a, b: {c: [1.5e3, "s\\u00e9", """blk"""]}) { ...F ... on T { g } } }',
    'fragment F on T @d(if: true) { a: b(c: null, d: ENUM) @skip(if: $v) { e } }\nmutation { m }',
    '"""desc""" type T implements A & B @k(f: "id") { f("d" a: [Int!] = [1]): String @deprecated }',
    'schema { query: Q } extend type T { g: Int } union U = | A | B enum E { A B } input I @oneOf { a: Int }',
    'directive @d(a: Int = 1) repeatable on FIELD | QUERY\nscalar S @specifiedBy(url: "u")\n# comment\r\n{ a }',
    '{ a(s: """\n    block\n      indented \\""" quote\n  """, t: "esc \\n \\" \\\\ \\u{1F600} \\uD83D\\uDE00") }',
]
PARSER_FRAGMENTS = [
    "{", "}", "(", ")", "[", "]", "...", "$", "@", ":", "=", "!", "|", "&", ",", '"', '"""', "\\", "\\u",
    "\\u{", "#", "\n", "\r", " ", "on", "query", "fragment", "type", "extend", "1", "-", ".", "e", "0", "é",
    "😀", "\ufeff", "\t", "null", "true", "'", "?", "\x07",
]


def js_location(body, position):
    """Line and column as graphql-js computes them. graphql-core 3.2.8's own get_location splits with
    splitlines(), which drops a trailing line break, so a token at the start of a line is reported at the
    end of the previous one ('{a}\\nfoo' gives 1:4, graphql-js 2:1); the parser is checked against the
    reference behaviour instead. Columns count code points, as graphql-core's do."""
    line, line_start, index = 1, 0, 0
    while index < position:
        char = body[index]
        if char == "\r" and index + 1 < len(body) and body[index + 1] == "\n":
            index += 1
        if char in "\r\n":
            line += 1
            line_start = index + 1
        index += 1
    return line, position - line_start + 1


def parser_corpus():
    """Seeded mutations of valid documents, with graphql-core's verdict on each: the error's message and
    location, or the printed document. The Swift ParserDifferentialTests compare ours with it."""
    rng = random.Random(20211026)
    cases = []
    for index in range(600):
        text = list(PARSER_SEEDS[index % len(PARSER_SEEDS)])
        for _ in range(rng.randint(0, 3)):
            position = rng.randint(0, len(text))
            action = rng.randrange(3)
            if action == 0:
                text[position:position] = list(rng.choice(PARSER_FRAGMENTS))
            elif action == 1:
                del text[position:position + rng.randint(1, 8)]
            else:
                text[position:position] = text[position:position + rng.randint(1, 16)]
        source = "".join(text)
        try:
            case = {"source": source, "printed": print_ast(parse(source))}
        except GraphQLError as error:
            line, column = js_location(source, error.positions[0])
            case = {"source": source, "error": error.message, "line": line, "column": column}
        except IndexError:
            # graphql-core 3.2.8 itself crashes on some truncated escapes at the end of input (graphql-js
            # reports them); such inputs have no reference answer and are left out.
            continue
        cases.append(case)
    text = json.dumps(cases, ensure_ascii=False, indent=1) + "\n"
    return {FIXTURES / "parser-corpus.json": text}


def main():
    write = "--write" in sys.argv[1:]
    failures = 0
    sources = sorted(p for p in FIXTURES.glob("*.graphql") if not p.name.endswith(".printed.graphql"))
    if not sources:
        print(f"graphql-core oracle: no *.graphql fixtures in {FIXTURES}, nothing was checked")
        return 1
    outputs = [expected_outputs(sdl_path) for sdl_path in sources] + [introspection_query(), parser_corpus()]
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
