#!/bin/sh
# tests/cli/t_authoring.sh: `retort init`, `retort revision` and `retort
# merge` (CLI.md "Commands"): what they write, what they refuse, and that
# they never leave a half-made project or a file over another.
. "$TESTS/lib.sh"

# count_mig <dir>: the number of .mig files below dir
count_mig() {
	find "$1" -name '*.mig' | wc -l | tr -d ' '
}

# --- init -----------------------------------------------------------------

mkdir p && cd p || exit 1
run_retort init
expect_rc 0 "init in an empty directory succeeds"
expect_file retort.ini "init writes retort.ini"
expect_file versions/README "init writes versions/README"
for key in versions dialects output version_table version_table_schema \
	transaction_per_migration lock_timeout; do
	if grep -q "^$key =" retort.ini && grep -B1 "^$key =" retort.ini |
		head -n 1 | grep -q '^#'; then
		ok "retort.ini sets $key, after a comment"
	else
		notok "retort.ini lacks a commented $key"
	fi
done
run_retort check
expect_rc 0 "a new project checks clean"
expect_err_has "0 revisions in 0 files" "check counts no revisions in a new project"

sum_before=$(cat retort.ini versions/README | cksum)
run_retort init
expect_rc 1 "init refuses an existing project"
expect_err_has '"retort.ini" already exists' "init names what is in the way"
[ "$(cat retort.ini versions/README | cksum)" = "$sum_before" ] &&
	ok "init over a project changes nothing" ||
	notok "init over a project changed a file"
cd "$T" || exit 1

mkdir only-versions only-versions/versions
run_retort init only-versions
expect_rc 1 "init refuses a directory that holds versions/"
[ ! -e only-versions/retort.ini ] && ok "and writes no retort.ini there" ||
	notok "init wrote retort.ini beside an existing versions/"

run_retort init deep/er
expect_rc 3 "init makes DIR but not its parents"
[ ! -e deep ] && ok "and leaves nothing behind" || notok "init left deep/"
run_retort init newdir
expect_rc 0 "init DIR makes DIR"
expect_file newdir/retort.ini "init DIR writes DIR/retort.ini"
expect_err_has "newdir/retort.ini" "init says what it made"

printf 'x\n' >afile
run_retort init afile
expect_rc 3 "init on a file that is not a directory is an I/O error"
run_retort init a b
expect_rc 2 "init takes one directory"
run_retort init --bogus
expect_rc 2 "init refuses an unknown option"
run_retort init --help
expect_rc 0 "init --help"
expect_out_has "usage: retort init [DIR]" "init --help shows its usage"
run_retort -C newdir init
expect_rc 1 "init under -C looks in that directory"
run_retort -c other.ini init fresh1
expect_rc 2 "init refuses -c (it writes DIR/retort.ini)"
run_retort --versions migs init fresh2
expect_rc 2 "init refuses --versions"
[ ! -e fresh1 ] && [ ! -e fresh2 ] && ok "and writes nothing" || notok "init with -c or --versions wrote something"

# --- revision --------------------------------------------------------------

cd p || exit 1
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
run_retort revision -m "create users table"
expect_rc 0 "the first revision"
r1=$out
case "$r1" in
versions/[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]_create_users_table.mig)
	ok "revision prints versions/<12 hex>_<slug>.mig" ;;
*) notok "revision printed '$r1'" ;;
esac
expect_file "$r1" "the printed path exists"
id1=$(basename "$r1" | cut -c1-12)
printf 'revision %s\nmessage %s\ncreated %s\n\nup {\n}\n\ndown {\n}\n' \
	"$id1" "'create users table'" "'2023-11-14 22:13:20'" >"$T/want"
if cmp -s "$r1" "$T/want"; then ok "a root revision's text, exactly"; else
	notok "a root revision's text differs"
	diff "$T/want" "$r1" | sed 's/^/#   /'
fi

run_retort revision -m "Add phone_number column to users!"
expect_rc 0 "the second revision"
r2=$out
id2=$(basename "$r2" | cut -c1-12)
[ "$r2" = "versions/${id2}_add_phone_number_column_to_users.mig" ] &&
	ok "the slug: lower case, runs of other characters one '_', none at the ends" ||
	notok "slug of the second revision: $r2"
grep -qx "depends $id1" "$r2" && ok "a new revision depends on the head" ||
	notok "the second revision does not depend on $id1"
[ "$id1" != "$id2" ] && ok "two revisions get two ids" || notok "the same id twice"
run_retort heads
[ "$out" = "$id2 (head)" ] && ok "the new revision is the head" ||
	notok "heads says '$out'"
run_retort check
expect_rc 0 "the written revisions check clean"

run_retort revision -m "it's a 'quoted'
second line" --rev-id quoted1
expect_rc 0 "a message with quotes and two lines"
grep -q "^message 'it''s a ''quoted''$" versions/quoted1_it_s_a_quoted.mig &&
	ok "quotes are doubled in the message" || notok "the message is not quoted right"
run_retort history -r quoted1:quoted1
expect_out_has "quoted1 (head), it's a 'quoted'" "history shows the message's first line back"

long="one two three four five six seven eight nine ten eleven"
run_retort revision -m "$long" --rev-id long1
[ "$out" = "versions/long1_one_two_three_four_five_six_seven_eight.mig" ] &&
	ok "the slug is cut at 40 characters, with no '_' at the end" ||
	notok "long slug: $out"

# Messages, in a project of their own (each revision here is a root).
mkdir "$T/msg" && cd "$T/msg" && mkdir versions || exit 1
run_retort revision -m "!!!" --rev-id bang1
[ "$rc" = 0 ] && [ "$out" = "versions/bang1.mig" ] &&
	ok "a message with no letter or digit gives a file named by the id alone" ||
	notok "message '!!!': exit $rc, '$out'"
run_retort revision -m "Привет мир" --rev-id cyr1 --head base
[ "$rc" = 0 ] && [ "$out" = "versions/cyr1.mig" ] &&
	grep -qx "message 'Привет мир'" versions/cyr1.mig &&
	ok "a message in another script is kept whole" ||
	notok "non-ASCII message: exit $rc, '$out'"
run_retort revision -m "

  Subject after blank lines
body" --rev-id blank1 --head base
[ "$out" = "versions/blank1_subject_after_blank_lines.mig" ] &&
	ok "the slug is taken from the first line that is not blank" ||
	notok "slug after blank lines: '$out'"
run_retort history -r blank1:blank1
expect_out_has "blank1 (head), Subject after blank lines" "history shows the same line"
run_retort build -d sqlite -o out
ls out/sqlite >"$T/names"
grep -q '_bang1\.up\.sql$' "$T/names" && grep -q '_cyr1\.up\.sql$' "$T/names" &&
	grep -q '_blank1_subject_after_blank_lines\.up\.sql$' "$T/names" &&
	ok "build names its files with the same slug as revision" ||
	{ notok "build's file names differ from revision's"; sed 's/^/#   /' "$T/names"; }
run_retort revision -m "   "
expect_rc 2 "a blank message is refused"
expect_err_has "the message is empty" "and says so"
run_retort revision -m "$(printf 'red \033[31m alert')"
expect_rc 2 "a message with a control character is refused"
expect_err_has "control character (0x1b)" "and names it"
run_retort revision -m "$(printf 'c1 \302\233 csi')"
expect_rc 2 "a message with a C1 control character is refused"
expect_err_has "control character (U+009b)" "and names it"
run_retort revision -m "$(printf 'bad \377 byte')"
expect_rc 2 "a message that is not UTF-8 is refused"
cd "$T/p" || exit 1
run_retort revision --rev-id x1
expect_rc 2 "revision without -m is a usage error"
expect_err_has "missing -m" "and says so"
run_retort revision -m "x" extra
expect_rc 2 "revision takes no argument"
unset SOURCE_DATE_EPOCH
run_retort revision -m "now" --rev-id now1
grep -q "^created '$(date -u +%Y-%m-%d) " versions/now1_now.mig &&
	ok "created is the current UTC date without SOURCE_DATE_EPOCH" ||
	notok "created: $(grep created versions/now1_now.mig)"
SOURCE_DATE_EPOCH=soon run_retort revision -m "bad" --rev-id bad1
expect_rc 2 "a bad SOURCE_DATE_EPOCH is refused"
SOURCE_DATE_EPOCH=0
export SOURCE_DATE_EPOCH
run_retort revision -m "epoch" --rev-id epoch1
grep -q "^created '1970-01-01 00:00:00'$" versions/epoch1_epoch.mig &&
	ok "SOURCE_DATE_EPOCH sets created" || notok "created with SOURCE_DATE_EPOCH=0"

# --rev-id and --label checks
n=$(count_mig versions)
run_retort revision -m "again" --rev-id "$id1"
expect_rc 2 "an id that exists is refused"
expect_err_has "already the id of a revision in $r1" "and names the file that has it"
run_retort revision -m "x" --rev-id "no-dash"
expect_rc 2 "an id with other characters is refused"
run_retort revision -m "x" --rev-id HEAD
expect_rc 2 "a reserved id is refused"
expect_err_has '"HEAD" is reserved' "and says it is reserved"
run_retort revision -m "x" --rev-id 0123456789012345678901234567890123
expect_rc 2 "an id over 32 characters is refused"
[ "$(count_mig versions)" = "$n" ] && ok "no refused revision left a file" ||
	notok "a refused revision left a file"

run_retort revision -m "keyword id" --rev-id table
expect_rc 0 "a keyword is a valid id"
grep -qx "revision 'table'" versions/table_keyword_id.mig &&
	ok "a keyword id is written quoted" || notok "keyword id not quoted"
run_retort revision -m "numeric id" --rev-id 0001
expect_rc 0 "a numeric id"
grep -qx "depends 'table'" versions/0001_numeric_id.mig &&
	ok "a keyword parent is written quoted" || notok "keyword parent not quoted"
run_retort check
expect_rc 0 "quoted and numeric ids check clean"

# --head, --depends, --label, --requires
run_retort revision -m "side root" --head base --label side --rev-id s1
expect_rc 0 "--head base starts a new root"
! grep -q '^depends' versions/s1_side_root.mig && ok "a root has no depends" ||
	notok "--head base wrote depends"
grep -qx "label side" versions/s1_side_root.mig && ok "--label is written" ||
	notok "no label line"
run_retort heads
expect_out_has "s1 (side) (head)" "the new root is a head with its label"

n=$(count_mig versions)
run_retort revision -m "which one"
expect_rc 2 "with two heads revision refuses to guess"
expect_err_has "there are 2 heads" "it says there are several heads"
expect_err_has "  s1  side root" "it lists one head"
expect_err_has "  0001  numeric id" "it lists the other"
expect_err_has "retort merge" "it points at merge"
[ "$(count_mig versions)" = "$n" ] && ok "the refusal writes nothing" ||
	notok "the refusal wrote a file"

run_retort revision -m "on side" --head side@head --rev-id s2
expect_rc 0 "--head LABEL@head"
grep -qx "depends s1" versions/s2_on_side.mig && ok "it depends on the branch's head" ||
	notok "--head side@head: $(grep depends versions/s2_on_side.mig)"
run_retort revision -m "fork" --head "$(echo "$id1" | cut -c1-6)" --rev-id f1
expect_rc 0 "--head with an id prefix that is not a head"
grep -qx "depends $id1" versions/f1_fork.mig && ok "the prefix is written as the full id" ||
	notok "--head prefix: $(grep depends versions/f1_fork.mig)"
expect_err_has "is not a head; the new revision starts a branch there" \
	"a parent that is not a head is pointed out"
run_retort -q revision -m "fork2" --head "$id1" --rev-id f2
expect_err_lines 0 "-q keeps the branch note quiet"
run_retort revision -m "nowhere" --head zzzz
expect_rc 2 "--head that names nothing is a usage error"
run_retort revision -m "x" --head s2 --depends f1
expect_rc 2 "--head and --depends together are refused"
n=$(count_mig versions)
run_retort revision -m "redundant" --depends "$id1" --depends f1
expect_rc 2 "--depends on a revision and its ancestor is refused"
expect_err_has "$id1 is already an ancestor of f1" "and names both"
run_retort revision -m "req parent" --head f1 --requires f1
expect_rc 2 "--requires the parent itself is refused"
run_retort revision -m "req ancestor" --head f1 --requires "$id1"
expect_rc 2 "--requires an ancestor of the parent is refused"
expect_err_has "already follows it (through f1)" "and says through which parent"
run_retort revision -m "req own branch" --head s2 --requires side
expect_rc 2 "--requires the label of the new revision's own branch is refused"
run_retort revision -m "bad head" --head f1 --requires nosuch
expect_rc 2 "a failed revision says nothing about the branch it would start"
case "$err" in *"starts a branch"*) notok "the branch note came before the failure" ;;
*) ok "no branch note for a revision that was not written" ;; esac
[ "$(count_mig versions)" = "$n" ] && ok "none of these wrote a file" ||
	notok "a refused --depends/--requires wrote a file"
run_retort revision -m "two" --depends s2 --depends f1 --depends s2 --rev-id m0
expect_rc 0 "--depends twice makes a merge"
grep -qx "depends s2, f1" versions/m0_two.mig && ok "each parent once, in the order given" ||
	notok "--depends: $(grep depends versions/m0_two.mig)"
run_retort revision -m "req" --head f2 --requires side --requires "$id2" --rev-id q1
expect_rc 0 "--requires a label and an id"
grep -qx "requires side, $id2" versions/q1_req.mig &&
	ok "a required label is kept as a label, an id written whole" ||
	notok "--requires: $(grep requires versions/q1_req.mig)"
run_retort revision -m "dup label" --head q1 --label side
expect_rc 2 "a label that exists is refused"
run_retort revision -m "label is id" --head q1 --label "$id1"
expect_rc 2 "a label equal to an id is refused"
run_retort revision -m "label is self" --head q1 --label selfy --rev-id selfy
expect_rc 2 "a label equal to the new id is refused"
run_retort check
expect_rc 0 "every revision written so far checks clean"

# A project with errors gets no new revision.
cd "$T" && mkdir broken && cd broken || exit 1
mig versions/a.mig "revision a
up { create table t (id integer) }"
run_retort revision -m "more"
expect_rc 1 "revision refuses a project with errors"
expect_err_has "a.mig:2:" "and shows the project's error"
[ "$(count_mig versions)" = 1 ] && ok "and writes nothing" || notok "a revision was written into a broken project"
cd "$T" && mkdir empty && cd empty || exit 1
run_retort revision -m "first"
expect_rc 3 "revision without a versions directory"
expect_err_has "retort init" "points at retort init"

# The file name is taken: nothing is replaced.
cd "$T" && mkdir taken && cd taken || exit 1
mig versions/sub/k1_x.mig "revision other
up {}"
mig versions/k1_x.mig "revision k0
up {}"
cp versions/k1_x.mig "$T/k1.before"
run_retort revision -m "x" --rev-id k1 --head base
expect_rc 3 "a file of that name already exists"
expect_err_has '"versions/k1_x.mig" already exists' "and says which"
cmp -s versions/k1_x.mig "$T/k1.before" && ok "the existing file is untouched" ||
	notok "the existing file was replaced"
ls versions | grep -q tmp && notok "a temporary file was left" || ok "no temporary file is left"

# --- merge -----------------------------------------------------------------

cd "$T" && mkdir m && cd m || exit 1
run_retort init
run_retort revision -m "base" --rev-id b0
run_retort revision -m "left" --rev-id l1
run_retort revision -m "right" --head b0 --rev-id r1
run_retort merge -m "one head" --rev-id bad l1
expect_rc 2 "merge needs two revisions"
run_retort merge -m "ancestor" b0 l1
expect_rc 2 "merge refuses a parent that is an ancestor of another"
expect_err_has "b0 is already an ancestor of l1" "and names both"
run_retort merge -m "Merge left and right" --rev-id mm --label merged
expect_rc 0 "merge of every head"
[ "$out" = "versions/mm_merge_left_and_right.mig" ] && ok "merge prints its path" ||
	notok "merge printed '$out'"
grep -qx "depends l1, r1" "$out" && ok "the merge depends on both heads" ||
	notok "merge: $(grep depends "$out")"
grep -qx "label merged" "$out" && ok "merge --label" || notok "merge lost its label"
run_retort heads
[ "$out" = "mm (merged) (head)" ] && ok "one head again" || notok "heads after merge: $out"
run_retort history -r mm:mm
expect_out_has "l1, r1 -> mm (merged) (head) (mergepoint), Merge left and right" \
	"history shows the merge point"
run_retort merge -m "nothing"
expect_rc 2 "merge with one head is refused"
expect_err_has "only one head" "and says why"
run_retort revision -m "after" --rev-id a1
grep -qx "depends mm" versions/a1_after.mig && ok "revision follows the merge" ||
	notok "after merge: $(grep depends versions/a1_after.mig)"
run_retort revision -m "b2" --head b0 --rev-id b2
run_retort revision -m "b3" --head b0 --rev-id b3
run_retort merge -m "three" --rev-id m3 heads
expect_rc 0 "merge of the target heads, three of them"
grep -qx "depends b2, b3, a1" versions/m3_three.mig && ok "a three-way merge" ||
	notok "three-way: $(grep depends versions/m3_three.mig)"
run_retort merge -m "x" nosuch l1
expect_rc 2 "merge of an unknown target is a usage error"
run_retort merge --help
expect_out_has "usage: retort merge" "merge --help"
run_retort check --strict
expect_rc 0 "the merged project passes check --strict"

# A versions directory that retort.ini names but nobody made.
cd "$T" && mkdir cfgdir && cd cfgdir || exit 1
printf '[retort]\nversions = migs\n' >retort.ini
run_retort revision -m "first"
expect_rc 3 "revision without the configured versions directory"
expect_err_has 'make it with `mkdir -p migs`' "says to make it, not to run init"
mkdir migs
run_retort revision -m "first" --rev-id c1
[ "$out" = "migs/c1_first.mig" ] && ok "revision writes into the configured directory" ||
	notok "configured versions: '$out'"
run_retort revision -m "second" --rev-id c2 --head base
run_retort check --strict
expect_rc 1 "check --strict with two heads fails"
expect_err_has "0 errors, 1 warning (--strict: the warnings fail the check)" \
	"and says that the warning is what fails it"
