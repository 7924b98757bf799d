#!/usr/bin/env python3
"""Differential check of GraphQLCore's validation against graphql-core (the Python port of graphql-js).

Subcommands:
  generate   regenerate the hypothesis-graphql part of the corpus (fixed seed; commit the result)
  mutate     regenerate the mutated part: corpus documents with tokens dropped, repeated, swapped or
             borrowed (fixed seed), kept when graphql-core parses and validates them
  expect     write graphql-core's errors for the whole corpus as the fixture the Swift test reads offline
  compare    compare a JSON file of our errors (written by ValidationDifferentialTests with GRAPHQL_ORACLE_OUTPUT) with graphql-core, live

Messages are compared after normalising graphql-core's wording to graphql-js's: graphql-core writes 'x' where
graphql-js writes "x", "non 32-bit" for "non-32-bit", and directive locations in lower case ("on field" for
"on FIELD"). Locations are recomputed from the error's nodes, because graphql-core 3.2.8's get_location puts a
node at the start of a line at the end of the line before (it uses str.splitlines). Errors are compared as
multisets of (message, locations).
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests" / "Fixtures" / "Validation"
SCHEMA = FIXTURES / "schema.graphql"
HANDWRITTEN = FIXTURES / "handwritten.graphql"
GENERATED = FIXTURES / "generated.json"
MUTATED = FIXTURES / "mutated.json"
EXPECTED = FIXTURES / "expected.json"
SEED = 20261121


def normalise(message):
    message = message.replace("'", '"').replace("non 32-bit", "non-32-bit")
    return re.sub(r"may not be used on ([a-z ]+)\.$", lambda m: f"may not be used on {m.group(1).upper().replace(' ', '_')}.",
                  message)


def location(body, position):
    """graphql-js's getLocation: 1-based line and column, lines ended by CRLF, LF or CR."""
    line, line_start = 1, 0
    for match in re.finditer(r"\r\n|[\n\r]", body[:position]):
        line += 1
        line_start = match.end()
    return [line, position - line_start + 1]


def error_locations(error):
    if error.nodes and all(node.loc for node in error.nodes):
        return [location(node.loc.source.body, node.loc.start) for node in error.nodes]
    return [[l.line, l.column] for l in (error.locations or [])]


def load_corpus():
    """(name, source) pairs: the hand-written cases, then the generated ones."""
    corpus = []
    name, lines = None, []
    for line in HANDWRITTEN.read_text().splitlines():
        if line.startswith("#! "):
            if name is not None:
                corpus.append((name, "\n".join(lines) + "\n"))
            name, lines = line[3:].strip(), []
        else:
            lines.append(line)
    if name is not None:
        corpus.append((name, "\n".join(lines) + "\n"))
    for path in (GENERATED, MUTATED):
        if path.exists():
            corpus += [(item["name"], item["source"]) for item in json.loads(path.read_text())]
    names = [n for n, _ in corpus]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        sys.exit(f"duplicate corpus names: {sorted(duplicates)}")
    return corpus


def reference_errors(schema, source):
    """graphql-core's validation errors for one document, normalised; None if it does not parse."""
    from graphql import GraphQLError, parse, validate

    try:
        document = parse(source)
    except GraphQLError:
        return None
    return [
        {"message": normalise(e.message), "locations": error_locations(e)}
        for e in validate(schema, document)
    ]


def build_reference_schema():
    from graphql import build_schema

    return build_schema(SCHEMA.read_text())


def command_generate(count):
    import hypothesis_graphql as hg
    from hypothesis import HealthCheck, Phase, given, seed, settings, strategies as st
    from hypothesis_graphql import Mode, nodes

    sdl = SCHEMA.read_text()
    scalars = {
        "DateTime": st.sampled_from(["2020-01-01T00:00:00Z", "yesterday"]).map(nodes.String),
        "Money": st.sampled_from(["1.00", "25", "-3"]).map(nodes.String),
    }
    schema = build_reference_schema()
    items = []
    for mode in (Mode.POSITIVE, Mode.NEGATIVE):
        found = []

        @seed(SEED)
        @settings(max_examples=count * 3, derandomize=True, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck), deadline=None)
        @given(hg.from_schema(sdl, custom_scalars=scalars, mode=mode, allow_x00=False))
        def collect(query):
            found.append(query)

        collect()
        unique = []
        for query in found:
            if query not in unique and reference_errors(schema, query) is not None:
                unique.append(query)
        label = "positive" if mode == Mode.POSITIVE else "negative"
        items += [{"name": f"hypothesis-{label}-{i:03d}", "source": q} for i, q in enumerate(unique[:count])]
    GENERATED.write_text(json.dumps(items, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(items)} generated documents to {GENERATED.relative_to(ROOT)}")


def command_mutate(count):
    import random

    rng = random.Random(SEED)
    schema = build_reference_schema()
    base = [source for name, source in load_corpus() if not name.startswith("mutated-")]
    token = re.compile(r'"[^"\n]*"|[A-Za-z0-9_]+|\s+|.')
    donors = [t for source in base for t in token.findall(source) if not t.isspace()]
    items, seen = [], set()
    while len(items) < count:
        pieces = token.findall(rng.choice(base))
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(pieces))
            action = rng.randrange(4)
            if action == 0:
                del pieces[at]
            elif action == 1:
                pieces.insert(at, pieces[at])
            elif action == 2:
                other = rng.randrange(len(pieces))
                pieces[at], pieces[other] = pieces[other], pieces[at]
            else:
                pieces.insert(at, " " + rng.choice(donors) + " ")
        source = "".join(pieces)
        if source in seen:
            continue
        seen.add(source)
        try:
            if reference_errors(schema, source) is None:
                continue
        except Exception:  # graphql-core itself crashes on a few documents (e.g. @oneOf with an undefined variable)
            continue
        items.append({"name": f"mutated-{len(items):03d}", "source": source})
    MUTATED.write_text(json.dumps(items, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(items)} mutated documents to {MUTATED.relative_to(ROOT)}")


def command_expect():
    schema = build_reference_schema()
    expected = {}
    for name, source in load_corpus():
        errors = reference_errors(schema, source)
        if errors is None:
            sys.exit(f"{name}: graphql-core cannot parse it; fix the corpus")
        expected[name] = errors
    EXPECTED.write_text(json.dumps(expected, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
    invalid = sum(1 for e in expected.values() if e)
    print(f"wrote expectations for {len(expected)} documents ({invalid} invalid) to {EXPECTED.relative_to(ROOT)}")


def key(error):
    return (error["message"], tuple(tuple(l) for l in error["locations"]))


def command_compare(ours_path):
    ours = json.loads(Path(ours_path).read_text())
    schema = build_reference_schema()
    corpus = load_corpus()
    mismatches = 0
    order_differs = 0
    for name, source in corpus:
        theirs = reference_errors(schema, source)
        mine = ours.get(name)
        if mine is None:
            print(f"MISSING {name}: no result from the Swift side")
            mismatches += 1
            continue
        if "parseError" in mine:
            print(f"MISMATCH {name}: our parser rejected it: {mine['parseError']}")
            mismatches += 1
            continue
        mine = [{"message": normalise(e["message"]), "locations": e["locations"]} for e in mine["errors"]]
        if sorted(map(key, mine)) != sorted(map(key, theirs)):
            mismatches += 1
            print(f"MISMATCH {name}")
            for error in sorted(set(map(key, theirs)) - set(map(key, mine))):
                print(f"  graphql-core only: {error}")
            for error in sorted(set(map(key, mine)) - set(map(key, theirs))):
                print(f"  ours only:         {error}")
        elif list(map(key, mine)) != list(map(key, theirs)):
            order_differs += 1
    invalid = sum(1 for name, source in corpus if reference_errors(schema, source))
    print(f"{len(corpus)} documents ({invalid} invalid per graphql-core): {mismatches} mismatches, "
          f"{order_differs} with the same errors in a different order")
    return 1 if mismatches else 0


def command_corpus(out_path):
    """The corpus as JSON for the Swift tool."""
    Path(out_path).write_text(json.dumps([{"name": n, "source": s} for n, s in load_corpus()], ensure_ascii=False))


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "generate":
        command_generate(int(sys.argv[2]) if len(sys.argv) > 2 else 60)
    elif command == "mutate":
        command_mutate(int(sys.argv[2]) if len(sys.argv) > 2 else 200)
    elif command == "expect":
        command_expect()
    elif command == "compare":
        sys.exit(command_compare(sys.argv[2]))
    elif command == "corpus":
        command_corpus(sys.argv[2])
    else:
        sys.exit(__doc__)
