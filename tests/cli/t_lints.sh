#!/bin/sh
# t_lints.sh: check's lints through every output format: exit status
# with and without --strict, suppression by comment and by retort.ini,
# --format json (diagnostics with their code and their notes nested),
# --format github (title=CODE) and --format sarif (valid SARIF 2.1.0,
# tests/cli/sarif_validate.py).
. "$TESTS/lib.sh"

PY=/usr/bin/python3

# A project with one risky statement of each portable lint, one
# suppressed, a warning with notes and an error-free run.
mig versions/x.mig 'revision a1
message '\''users'\''
up {
    create table users (id integer primary key, email varchar(100), nick text, age bigint);
}
down { drop table users; }

revision a2
depends a1
up {
    alter table users drop column nick;
    -- retort: ignore R101 (nobody reads it)
    alter table users drop column age;
    alter table users alter column email type varchar(20);
    alter table users add column "Straße" text not null;
}
down {
    alter table users drop column "Straße";
    alter table users add column age bigint;
}'

run_retort check
expect_rc 0 "lints: only warnings, exit 0"
expect_err_has 'versions/x.mig:11:5: warning: drop column "nick" deletes the values of that column of table "users" [R101]' \
	"lints: R101 at its statement with its code"
expect_err_lacks 'drop column "age"' "lints: a statement under '-- retort: ignore R101' is not flagged"
expect_err_has 'versions/x.mig:14:5: warning: column "email" of table "users" is narrowed from varchar(100) to varchar(20) [R103]' \
	"lints: R103 at its statement"
expect_err_has '[R102]' "lints: R102"
expect_err_has '[R107]' "lints: R107 (postgresql is a default dialect)"
expect_err_has 'versions/x.mig:17:1: warning: down block of a2 does not undo its up block: column "nick" of table "users" is missing [R111]' \
	"lints: R111 at the down block, naming what is missing"
expect_err_has 'versions/x.mig:17:1: note: also: column "email" of table "users" was varchar(100) before up and is varchar(20) after down' \
	"lints: R111: and what differs"
expect_err_count 1 'R101: the rows or values are gone' "lints: the rationale once per code"

run_retort check --strict
expect_rc 1 "lints, --strict: exit 1"

# --- json ------------------------------------------------------------------

run_retort check --format json
expect_rc 0 "json: exit 0"
if printf '%s' "$out" | $PY -c '
import json, sys
d = json.load(sys.stdin)
ds = d["diagnostics"]
assert d["errors"] == 0 and d["warnings"] == len(ds), (d["warnings"], len(ds))
assert all(x["severity"] in ("error", "warning") for x in ds), "a note at the top level"
r111 = [x for x in ds if x["code"] == "R111"][0]
assert r111["file"] == "versions/x.mig" and r111["line"] == 17 and r111["column"] == 1
notes = r111["notes"]
assert len(notes) >= 2 and all(set(n) == {"file", "line", "column", "message"} for n in notes), notes
assert any(n["message"].startswith("also: ") for n in notes), notes
r101 = [x for x in ds if x["code"] == "R101"][0]
assert r101["line"] == 11 and r101["message"].startswith("drop column"), r101
assert d["heads"] == ["a2"], d["heads"]
'; then ok "json: parses; codes, places and notes nested in their diagnostic"; else
	notok "json: not what CLI.md says"; show_out; fi

# --- github ----------------------------------------------------------------

run_retort check --format github
expect_rc 0 "github: exit 0"
if printf '%s\n' "$out" | grep -qxF '::warning file=versions/x.mig,line=11,col=5,title=R101::drop column "nick" deletes the values of that column of table "users"'; then
	ok "github: a lint as ::warning with title=CODE"; else
	notok "github: no ::warning with title=R101"; show_out; fi
bad=$(printf '%s\n' "$out" | grep -v '^::\(error\|warning\|notice\) file=[^,]*,line=[0-9]*,col=[0-9]*\(,title=R1[0-9][0-9]\)\{0,1\}::.' | head -n 1)
if [ -z "$bad" ]; then ok "github: every line is a workflow command"; else
	notok "github: '$bad'"; fi

# --- sarif -----------------------------------------------------------------

run_retort check --format sarif
expect_rc 0 "sarif: exit 0"
printf '%s\n' "$out" >"$T/x.sarif"
if $PY "$TESTS/sarif_validate.py" "$T/x.sarif" >"$T/.v" 2>&1; then
	ok "sarif: valid SARIF 2.1.0"; else
	notok "sarif: invalid"; sed 's/^/#   /' "$T/.v" | head -n 20; fi
if $PY -c '
import json, sys
log = json.load(open(sys.argv[1]))
run = log["runs"][0]
rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
assert all("R%d" % n in rules for n in range(101, 112)), sorted(rules)
assert all(rules["R%d" % n]["help"]["text"] for n in range(101, 112))
res = run["results"]
r103 = [r for r in res if r["ruleId"] == "R103"][0]
reg = r103["locations"][0]["physicalLocation"]["region"]
assert r103["level"] == "warning" and reg["startLine"] == 14 and reg["startColumn"] == 5, reg
assert r103["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "versions/x.mig"
r111 = [r for r in res if r["ruleId"] == "R111"][0]
assert len(r111["relatedLocations"]) >= 2, r111
# The column of a character past a non-ASCII one counts UTF-16 units.
r102 = [r for r in res if r["ruleId"] == "R102"][0]
assert r102["locations"][0]["physicalLocation"]["region"]["endColumn"] == 56, r102  # 57 in bytes
' "$T/x.sarif"; then ok "sarif: rules with help, results at their places, notes as related locations"; else
	notok "sarif: not the diagnostics"; fi

# An error and a diagnostic without a place, in sarif too.
mig versions/y.mig 'revision b1
depends a2
up { drop table nosuch; }
down { }
revision b2
depends a1
up { }
down { }'
run_retort check --format sarif
expect_rc 1 "sarif, an error: exit 1"
printf '%s\n' "$out" >"$T/y.sarif"
if $PY "$TESTS/sarif_validate.py" "$T/y.sarif" >"$T/.v" 2>&1 &&
    $PY -c '
import json, sys
res = json.load(open(sys.argv[1]))["runs"][0]["results"]
assert [r for r in res if r["level"] == "error" and r["ruleId"] == "schema"], res
assert [r for r in res if "locations" not in r and r["ruleId"] == "graph"], res
' "$T/y.sarif"; then ok "sarif: an error (rule schema) and a warning without a place (rule graph), valid"; else
	notok "sarif: errors"; sed 's/^/#   /' "$T/.v" | head; fi
rm versions/y.mig

run_retort check --format yaml
expect_rc 2 "an unknown format: exit 2"
expect_err_has "expected text, json, github or sarif" "an unknown format: the formats named"

# --- retort.ini -----------------------------------------------------------

printf '[retort]\nlints = all, -R101, -R107\n' >retort.ini
run_retort check
expect_err_lacks '[R101]' "lints = -R101: R101 is off"
expect_err_lacks '[R107]' "lints = -R107: R107 is off"
expect_err_has '[R103]' "lints = -R101: the others are on"
printf '[retort]\nlints = none, R111\n' >retort.ini
run_retort check --strict
expect_rc 1 "lints = none, R111: R111 still fails --strict"
expect_err_lacks '[R103]' "lints = none, R111: R103 is off"
printf '[retort]\nlints = none\n' >retort.ini
run_retort check --strict
expect_rc 0 "lints = none: --strict passes"
printf '[retort]\ndialects = sqlite\n' >retort.ini
run_retort check
expect_err_lacks '[R107]' "dialects = sqlite: no lock lints"
expect_err_has '[R103]' "dialects = sqlite: the portable lints stay"
rm retort.ini

# --- other commands do not repeat check's warnings -------------------------

mig versions/z.mig 'revision c1
depends a2
up { sql $$ create view v as select 1 $$; }
down { sql $$ drop view v $$; }'
run_retort check
expect_err_has '[R105]' "raw DDL: check warns"
run_retort upgrade head -d sqlite
expect_rc 0 "raw DDL: upgrade writes the script"
expect_err_lacks 'raw SQL holds DDL' "raw DDL: upgrade does not repeat check's warning"
run_retort build -o out
expect_err_lacks 'raw SQL holds DDL' "raw DDL: build does not repeat it"
