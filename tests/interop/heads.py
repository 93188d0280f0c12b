#!/usr/bin/python3
"""tests/interop/heads.py: `retort heads` beside Alembic's own on random
revision graphs.

Each graph (fixed seeds, so a failure reproduces) has roots, branches,
merges, branch labels and `requires` (Alembic's depends_on); it is written
both as .mig files and as Alembic revision scripts, and `retort heads` and
`alembic heads` (plain and --resolve-dependencies) must print the same
lines.  Alembic is the Debian package python3-alembic, run offline: it
needs no database to list heads.  Prints "interop heads: N passed, N failed".
"""
import os
import random
import re
import subprocess
import sys
import tempfile

RETORT = os.path.abspath(os.environ.get("RETORT", "bin/retort"))
GRAPHS = int(os.environ.get("INTEROP_GRAPHS", "40"))


def ancestors(rev, deps):
    """Every revision rev needs, through depends and requires."""
    seen, stack = set(), list(deps[rev])
    while stack:
        r = stack.pop()
        if r not in seen:
            seen.add(r)
            stack.extend(deps[r])
    return seen


def random_graph(rng):
    """A list of (id, parents, requires, labels) in creation order; no
    dependency is an ancestor of another (retort rejects that)."""
    revs, deps = [], {}
    n = rng.randint(2, 14)
    labels_left = ["alpha", "beta", "gamma"]
    for i in range(n):
        rid = "%04x%s" % (i, "".join(rng.choice("0123456789abcdef")
                                     for _ in range(8)))
        ids = [r[0] for r in revs]
        parents, requires, labels = [], [], []
        roll = rng.random()
        if ids and roll < 0.75:
            parents.append(rng.choice(ids))
        if len(ids) > 2 and roll < 0.25:
            other = rng.choice(ids)
            if other not in parents:
                parents.append(other)
        if len(ids) > 1 and rng.random() < 0.25:
            requires.append(rng.choice(ids))
        # Drop anything another dependency already implies.
        alld = parents + requires
        keep = []
        for d in alld:
            implied = any(d in ancestors(o, deps) for o in alld if o != d)
            if not implied and d not in keep:
                keep.append(d)
        parents = [p for p in parents if p in keep]
        requires = [q for q in requires if q in keep and q not in parents]
        if not parents and labels_left and rng.random() < 0.5:
            labels.append(labels_left.pop(0))
        deps[rid] = parents + requires
        revs.append((rid, parents, requires, labels))
    return revs


def write_mig(d, revs):
    os.makedirs(os.path.join(d, "versions"))
    for i, (rid, parents, requires, labels) in enumerate(revs):
        lines = ["revision %s" % rid, "message 'r%d'" % i,
                 "created '2024-01-01 00:%02d:%02d'" % (i // 60, i % 60)]
        if parents:
            lines.append("depends " + ", ".join(parents))
        if requires:
            lines.append("requires " + ", ".join(requires))
        if labels:
            lines.append("label " + ", ".join(labels))
        lines += ["up {", "}", "down {", "}", ""]
        with open(os.path.join(d, "versions", rid + ".mig"), "w") as f:
            f.write("\n".join(lines))


def py_tuple(xs):
    if not xs:
        return "None"
    if len(xs) == 1:
        return repr(xs[0])
    return "(" + ", ".join(repr(x) for x in xs) + ")"


def write_alembic(d, revs):
    os.makedirs(os.path.join(d, "versions"))
    with open(os.path.join(d, "alembic.ini"), "w") as f:
        f.write("[alembic]\nscript_location = .\n")
    for rid, parents, requires, labels in revs:
        with open(os.path.join(d, "versions", rid + ".py"), "w") as f:
            f.write("revision = %r\ndown_revision = %s\n"
                    "branch_labels = %s\ndepends_on = %s\n"
                    % (rid, py_tuple(parents), py_tuple(labels),
                       py_tuple(requires)))


def normalize(line):
    """Sort the labels in "(a, b)": Alembic keeps a revision's labels in a
    Python set, so their order follows the interpreter's string hashing
    and changes from run to run."""
    m = re.match(r"^(\S+) \(([^)]*, [^)]*)\)(.*)$", line)
    if not m:
        return line
    labels = ", ".join(sorted(m.group(2).split(", ")))
    return "%s (%s)%s" % (m.group(1), labels, m.group(3))


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    return (p.returncode, sorted(normalize(x) for x in p.stdout.splitlines()),
            p.stderr)


def main():
    passed = failed = 0
    for seed in range(GRAPHS):
        revs = random_graph(random.Random(seed))
        with tempfile.TemporaryDirectory() as tmp:
            mig, alem = os.path.join(tmp, "mig"), os.path.join(tmp, "alembic")
            write_mig(mig, revs)
            write_alembic(alem, revs)
            for extra in ([], ["--resolve-dependencies"]):
                rc1, ours, err1 = run([RETORT, "heads"] + extra, mig)
                rc2, theirs, err2 = run([sys.executable, "-m", "alembic",
                                         "heads"] + extra, alem)
                what = "seed %d heads %s" % (seed, " ".join(extra))
                if rc1 == 0 and rc2 == 0 and ours == theirs:
                    passed += 1
                    print("ok - %s" % what)
                else:
                    failed += 1
                    print("not ok - %s: retort %r (exit %d) alembic %r "
                          "(exit %d)" % (what, ours, rc1, theirs, rc2))
                    print("#   " + err1.strip().replace("\n", "\n#   "))
                    print("#   " + err2.strip().replace("\n", "\n#   "))
    print("interop heads: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
