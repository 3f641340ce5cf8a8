"""`python -m eventwire.gazetteer build [--path FILE]`: build the place index now (CI, install).

`python -m eventwire.gazetteer lookup NAME`: show the candidates of a name.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from eventwire.gazetteer import ensure_index, gazetteer, index_path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m eventwire.gazetteer", description=__doc__)
    parser.add_argument("command", choices=["build", "lookup", "stats"])
    parser.add_argument("name", nargs="?", help="a place name (lookup)")
    parser.add_argument("--path", type=Path, help=f"index file (default: {index_path()})")
    args = parser.parse_args(argv)
    if args.command == "build":
        print(ensure_index(args.path, force=True))
        return
    gaz = gazetteer(args.path)
    if args.command == "stats":
        print(json.dumps(gaz.stats(), indent=1))
        return
    for place_id, how in gaz.candidates(args.name or "", loose=True):
        print(how, json.dumps(gaz.place(place_id), ensure_ascii=False))


if __name__ == "__main__":
    main()
