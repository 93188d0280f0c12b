#!/usr/bin/python3
"""tests/doc/readme.py: run the README's walkthrough and compare.

Everything between <!-- walkthrough --> and <!-- /walkthrough --> in
README.md is executed, in order, in an empty temporary directory, with
the retort under test first on PATH:

- a ```console block holds commands (lines starting with "$ ") each
  followed by the output it must print (stdout and stderr together);
- a ```mig or ```ini block whose first line is a comment naming a file
  ("-- versions/x.mig", "; retort.ini") is that file's new content, as a
  person would type it in an editor.

Revision ids are random, and outputs list revisions in id order where
nothing else orders them; so a `retort revision` or `retort merge`
command gets the id its expected output shows (`--rev-id`, added here
only).  SOURCE_DATE_EPOCH fixes the created time; a sha256 (64 hex
digits) matches any other.

    RETORT=bin/retort /usr/bin/python3 tests/doc/readme.py [README.md]
    UPDATE=1 ...   rewrite the README's outputs from this run (review it!)

Prints one "ok - ..." or "not ok - ..." line per command and file, then
"readme: N passed, N failed".
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

BEGIN, END = "<!-- walkthrough -->", "<!-- /walkthrough -->"
NEW = re.compile(r"^versions/([0-9a-f]{12})_\S*\.mig$")
WRITES = re.compile(r"^retort (revision|merge)\b")
SHA = re.compile(r"\b[0-9a-f]{64}\b")
EPOCH = "1764064800"  # 2025-11-25 10:00:00 UTC


def blocks(lines):
    """(kind, first line index, body lines) for each fenced block."""
    i = 0
    while i < len(lines):
        m = re.match(r"^```(\w*)\s*$", lines[i])
        if not m:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and lines[j].rstrip() != "```":
            j += 1
        yield m.group(1), i + 1, lines[i + 1:j]
        i = j + 1


def commands(body):
    """(command, expected output lines, index of the command in body)."""
    cmds = []
    for k, line in enumerate(body):
        if line.startswith("$ "):
            cmds.append([line[2:], [], k])
        elif cmds:
            cmds[-1][1].append(line)
    return cmds


def normal(lines):
    return [SHA.sub("<sha256>", l.rstrip()) for l in lines]


def main():
    retort = os.path.abspath(os.environ["RETORT"])
    readme = sys.argv[1] if len(sys.argv) > 1 else "README.md"
    update = os.environ.get("UPDATE") == "1"
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    start, end = text.index(BEGIN), text.index(END)
    head, region, tail = text[:start], text[start:end], text[end:]
    lines = region.split("\n")

    work = tempfile.mkdtemp()
    bindir = os.path.join(work, ".bin")
    os.mkdir(bindir)
    os.symlink(retort, os.path.join(bindir, "retort"))
    env = dict(os.environ, PATH=bindir + ":" + os.environ["PATH"],
               SOURCE_DATE_EPOCH=EPOCH, NO_COLOR="1", LC_ALL="C", TZ="UTC",
               HOME=work)
    cwd = work
    passed = failed = 0
    out_lines = list(lines)
    edits = []  # (start, end, new lines) in out_lines, for UPDATE

    def report(good, what, detail=""):
        nonlocal passed, failed
        if good:
            passed += 1
            print("ok - " + what)
        else:
            failed += 1
            print("not ok - " + what)
            for d in detail.splitlines():
                print("#   " + d)

    try:
        for kind, first, body in blocks(lines):
            if kind in ("mig", "ini") and body:
                m = re.match(r"^(?:--|;)\s*(\S+)\s*$", body[0])
                if not m:
                    continue
                content, path = "\n".join(body) + "\n", m.group(1)
                full = os.path.join(cwd, path)
                ok = os.path.exists(full) or kind == "ini"
                with open(full, "w", encoding="utf-8") as f:
                    f.write(content)
                report(ok, "edit " + m.group(1),
                       "" if ok else "the walkthrough edits a file that does not exist")
                continue
            if kind != "console":
                continue
            for cmd, want, k in commands(body):
                run_cmd = cmd
                pinned = [NEW.match(w).group(1) for w in want if NEW.match(w)]
                if WRITES.match(cmd) and pinned:
                    run_cmd += " --rev-id " + pinned[0]
                if run_cmd.startswith("cd "):
                    cwd = os.path.normpath(os.path.join(cwd, run_cmd[3:].strip()))
                    got = []
                else:
                    p = subprocess.run(["bash", "-c", run_cmd], cwd=cwd, env=env,
                                       stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, timeout=60)
                    got = p.stdout.decode("utf-8", "replace").split("\n")
                    if got and got[-1] == "":
                        got.pop()
                good = normal(got) == normal(want)
                if update and not good:
                    edits.append((first + k + 1, first + k + 1 + len(want), got))
                diff = "\n".join(["expected:"] + want + ["got:"] + got)
                report(good, cmd, diff)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    if update and edits:
        for s, e, new in sorted(edits, reverse=True):
            out_lines[s:e] = new
        with open(readme, "w", encoding="utf-8") as f:
            f.write(head + "\n".join(out_lines) + tail)
        print("# rewrote %d outputs in %s" % (len(edits), readme))
    print("readme: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
