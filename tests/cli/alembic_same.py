#!/usr/bin/python3
"""tests/cli/alembic_same.py MINE THEIRS: do two outputs of heads,
branches, history or show say the same, once what Alembic leaves to
chance is set aside?  Alembic keeps a revision's branch labels and
children in sets (their order changes from run to run) and walks history
in its own order, so: "(a, b)" groups, "Branch names:" and "Branches
into:" lists are sorted, Path lines keep only the file's name, and the
blank-line separated entries (or, for one-line output, the lines) are
compared as sorted lists.  Exit 0 if they are the same, else 1 with a
diff on stdout."""
import difflib
import re
import sys


def norm_line(line):
    line = re.sub(r"^Path: .*/", "Path: ", line)
    line = re.sub(r"\(([^()]*, [^()]*)\)",
                  lambda m: "(" + ", ".join(sorted(m.group(1).split(", ")))
                  + ")", line)
    for key in ("Branch names: ", "Branches into: "):
        if line.startswith(key):
            line = key + ", ".join(sorted(line[len(key):].split(", ")))
    return line


def entries(text):
    lines = [norm_line(x) for x in text.splitlines()]
    if not any(x.startswith("Rev: ") for x in lines):
        return sorted(lines)
    out, cur = [], []
    for line in lines:
        if line.startswith("Rev: ") and cur:
            out.append(entry(cur))
            cur = []
        cur.append(line)
    out.append(entry(cur))
    return sorted(out)


def entry(lines):
    """One entry; branches -v lists the children ("   -> x") in set
    order too."""
    kids = sorted(x for x in lines if x.lstrip().startswith("-> "))
    rest = [x for x in lines if not x.lstrip().startswith("-> ")]
    return "\n".join(rest + kids).rstrip("\n")


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        mine = entries(f.read())
    with open(sys.argv[2], encoding="utf-8") as f:
        theirs = entries(f.read())
    if mine == theirs:
        return 0
    sys.stdout.writelines(difflib.unified_diff(
        "\n".join(theirs).splitlines(True), "\n".join(mine).splitlines(True),
        "alembic", "retort"))
    return 1


if __name__ == "__main__":
    sys.exit(main())
