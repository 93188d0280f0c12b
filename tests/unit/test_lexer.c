/*
 * test_lexer.c: the scanner (grammar/lexer.l, lexsup.c), observed through
 * parsing: every token kind, the three comment forms, raw blocks, strings,
 * quoted identifiers, numbers, revision ids, case, CRLF, UTF-8, and every
 * lexical error with its exact position (LANGUAGE.md "Lexical rules").
 */
#include "testutil.h"

#include "parser.h"
#include "util.h"

/* Parse src; it must have no diagnostics at all. */
static void run_clean(struct tparse *t, const char *src)
{
	tparse_run(t, src);
	assert_string_equal(t->diags, "");
	assert_int_equal(t->errors, 0);
	assert_int_equal(t->warnings, 0);
}

/* src parses cleanly and its first up block dumps as want. */
static void check_up(const char *src, const char *want)
{
	struct tparse t;
	char *dump;

	run_clean(&t, src);
	dump = tparse_dump_block(&t, false);
	assert_string_equal(dump, want);
	free(dump);
	tparse_free(&t);
}

/* The first diagnostic line of src is want. */
static void check_first(const char *src, const char *want)
{
	struct tparse t;

	tparse_run(&t, src);
	assert_first_diag(&t, want);
	tparse_free(&t);
}

/* The same for len bytes (src may hold NUL bytes). */
static void check_first_n(const char *src, size_t len, const char *want)
{
	struct tparse t;

	tparse_run_n(&t, src, len);
	assert_first_diag(&t, want);
	tparse_free(&t);
}

/* Everything printed for src is exactly want. */
static void check_diags(const char *src, const char *want)
{
	struct tparse t;

	tparse_run(&t, src);
	assert_string_equal(t.diags, want);
	tparse_free(&t);
}

/* The message clause of src, decoded, is want. */
static void check_message(const char *src, const char *want)
{
	struct tparse t;

	run_clean(&t, src);
	assert_non_null(t.file->revs->message);
	assert_string_equal(t.file->revs->message, want);
	tparse_free(&t);
}

/* The first statement of the first up block. */
static const struct ast_node *first_stmt(const struct tparse *t)
{
	assert_non_null(t->file->revs);
	assert_non_null(t->file->revs->up);
	assert_non_null(t->file->revs->up->u.block.stmts.head);
	return t->file->revs->up->u.block.stmts.head;
}

/* --- tokens --------------------------------------------------------- */

static void test_lexer_keywords_any_case(void **state)
{
	struct tparse t;
	char *dump;

	(void)state;
	run_clean(&t, "REVISION a\nMESSAGE 'm'\n"
		      "Up { CREATE Table T (Id INTEGER Primary KEY); }\n"
		      "DOWN { Drop TABLE t; }\n");
	dump = tparse_dump_block(&t, false);
	assert_string_equal(dump,
		"(create_table t (column id integer (primary_key)))\n");
	free(dump);
	dump = tparse_dump_block(&t, true);
	assert_string_equal(dump, "(drop_table t)\n");
	free(dump);
	tparse_free(&t);
}

/* Every keyword of keywords.def, in upper and in mixed case. */
static void test_lexer_every_keyword_any_case(void **state)
{
	static const struct {
		const char *word;
		int token;
	} kws[] = {
#define RT_KEYWORD(w, t) { w, t },
#include "keywords.def"
#undef RT_KEYWORD
	};
	char buf[32];
	size_t i, j, n;

	(void)state;
	for (i = 0; i < sizeof(kws) / sizeof(kws[0]); i++) {
		n = strlen(kws[i].word);
		assert_true(n < sizeof(buf));
		for (j = 0; j < n; j++) {
			char c = kws[i].word[j];

			buf[j] = ascii_islower(c) ? (char)(c - 'a' + 'A') : c;
		}
		assert_int_equal(kw_lookup(buf, n), kws[i].token);
		buf[0] = kws[i].word[0];
		assert_int_equal(kw_lookup(buf, n), kws[i].token);
		assert_int_equal(kw_lookup(kws[i].word, n), kws[i].token);
	}
	assert_int_equal(kw_lookup("users", 5), 0);
	assert_int_equal(kw_lookup("tablex", 6), 0);
	assert_int_equal(kw_lookup("current_timestamp_and_more", 26), 0);
	/* A keyword with one byte changed is none (its hash slot may hold
	 * it), even to a byte that folds the same way as '_' does. */
	for (i = 0; i < sizeof(kws) / sizeof(kws[0]); i++) {
		n = strlen(kws[i].word);
		for (j = 0; j < n; j++) {
			static const char subst[] = "xQ9_\x7f\xff@`";
			size_t k;

			for (k = 0; k < sizeof(subst) - 1; k++) {
				memcpy(buf, kws[i].word, n);
				if (ascii_tolower((unsigned char)subst[k]) ==
				    kws[i].word[j])
					continue;
				buf[j] = subst[k];
				assert_int_equal(kw_lookup(buf, n), 0);
			}
		}
	}
}

static void test_lexer_multiword_keywords_any_case(void **state)
{
	(void)state;
	check_up("revision a\nup { create table t (a Double PRECISION, "
		 "b CHARACTER Varying(5), c TimeStamp WITH time ZONE); }\n",
		 "(create_table t (column a double precision) "
		 "(column b character varying(5)) "
		 "(column c timestamp with time zone))\n");
}

static void test_lexer_identifier_folded(void **state)
{
	(void)state;
	check_up("revision a\nup { drop table Audit.User_Events2; }\n",
		 "(drop_table audit.user_events2)\n");
}

static void test_lexer_quoted_identifier_kept(void **state)
{
	struct tparse t;
	const struct ast_node *name;

	(void)state;
	run_clean(&t, "revision a\nup { drop table \"My \"\"T\"\"\"; }\n");
	name = first_stmt(&t)->u.alter.table->u.qname.name;
	assert_true(name->u.name.quoted);
	assert_string_equal(name->u.name.text, "My \"T\"");
	assert_string_equal(name->u.name.key, "my \"t\"");
	tparse_free(&t);
}

static void test_lexer_quoted_identifier_same_key(void **state)
{
	struct tparse t;
	const struct ast_node *s;

	(void)state;
	run_clean(&t, "revision a\nup { drop table \"Users\"; "
		      "drop table USERS; }\n");
	s = first_stmt(&t);
	assert_ptr_equal(s->u.alter.table->u.qname.name->u.name.key,
			 s->next->u.alter.table->u.qname.name->u.name.key);
	tparse_free(&t);
}

static void test_lexer_string_doubled_quote(void **state)
{
	(void)state;
	check_message("revision a\nmessage 'it''s ''quoted'''\nup { }\n",
		      "it's 'quoted'");
}

static void test_lexer_string_no_backslash_escape(void **state)
{
	(void)state;
	check_message("revision a\nmessage 'a\\nb\\'\nup { }\n",
		      "a\\nb\\");
}

static void test_lexer_string_spans_lines(void **state)
{
	(void)state;
	check_message("revision a\nmessage 'first\n\nthird'\nup { }\n",
		      "first\n\nthird");
}

static void test_lexer_string_empty(void **state)
{
	(void)state;
	check_message("revision a\nmessage ''\nup { }\n", "");
}

static void test_lexer_numbers(void **state)
{
	(void)state;
	check_up("revision a\nup { insert into t (a, b, c, d, e) "
		 "values (42, -7, 3.14, -0.5, 007); }\n",
		 "(insert t (a b c d e) (42 -7 3.14 -0.5 007))\n");
}

static void test_lexer_negative_number_apart(void **state)
{
	(void)state;
	check_up("revision a\nup { insert into t (a, b) "
		 "values (- 7, -/* c */2.5); }\n",
		 "(insert t (a b) (-7 -2.5))\n");
}

static void test_lexer_revision_id_digit_start(void **state)
{
	struct tparse t;

	(void)state;
	run_clean(&t, "revision 1975ea83b712\ndepends 3b1c2d4e5f6\nup { }\n");
	assert_string_equal(t.file->revs->id->u.word.text, "1975ea83b712");
	assert_string_equal(t.file->revs->depends->u.clause.words.head
			    ->u.word.text, "3b1c2d4e5f6");
	tparse_free(&t);
}

static void test_lexer_revision_id_pure_digits(void **state)
{
	struct tparse t;

	(void)state;
	run_clean(&t, "revision 0001\ndepends 0000\nup { }\n");
	assert_string_equal(t.file->revs->id->u.word.text, "0001");
	assert_string_equal(t.file->revs->depends->u.clause.words.head
			    ->u.word.text, "0000");
	tparse_free(&t);
}

static void test_lexer_revision_id_case_kept(void **state)
{
	struct tparse t;

	(void)state;
	run_clean(&t, "revision AbC_9\nup { }\n");
	assert_string_equal(t.file->revs->id->u.word.text, "AbC_9");
	tparse_free(&t);
}

static void test_lexer_operators_in_expr(void **state)
{
	(void)state;
	check_up("revision a\nup { create table t (a int check "
		 "(a+1*2/3<4>5=6~7!8@9#1%2^3&4|5?6:7[8]-9,x.y)); }\n",
		 "(create_table t (column a int (check (expr "
		 "\"a+1*2/3<4>5=6~7!8@9#1%2^3&4|5?6:7[8]-9,x.y\"))))\n");
}

static void test_lexer_every_token_in_expr(void **state)
{
	(void)state;
	check_up("revision a\nup { create table t (a int check "
		 "(ident \"Q\" 'str' 42 3.5 1abc $$raw$$ + , . - "
		 "not null check revision up down)); }\n",
		 "(create_table t (column a int (check (expr "
		 "\"ident \"\"Q\"\" 'str' 42 3.5 1abc $$raw$$ + , . - "
		 "not null check revision up down\" \"Q\"))))\n");
}

static void test_lexer_punctuation_without_blanks(void **state)
{
	(void)state;
	check_up("revision a up{create table s.t(a int,b int);drop table t;}",
		 "(create_table s.t (column a int) (column b int))\n"
		 "(drop_table t)\n");
}

/* --- comments ------------------------------------------------------- */

static void test_lexer_line_comments(void **state)
{
	(void)state;
	check_up("-- head\nrevision a -- after id\nup { -- in block\n"
		 "drop table t; -- after ; */ /* ' \"\n} -- at end",
		 "(drop_table t)\n");
}

static void test_lexer_block_comments(void **state)
{
	(void)state;
	check_up("/* head */revision/**/a\nup {/* multi\nline ' \" -- $$ */"
		 "drop /***/ table /* ** / * */ t; } /* end */",
		 "(drop_table t)\n");
}

static void test_lexer_block_comment_not_nested(void **state)
{
	(void)state;
	check_first("revision a /* /* */ */\nup { }\n",
		    "t.mig:1:21: error: syntax error, unexpected operator, "
		    "expecting a header clause or 'up' or 'down'");
}

static void test_lexer_hash_comment_at_line_start(void **state)
{
	(void)state;
	check_up("# first line\nrevision a\n#\tno blank\n  \t# indented "
		 "drop\nup {\n# drop table x;\ndrop table t;\n}\n# at end",
		 "(drop_table t)\n");
}

static void test_lexer_hash_mid_line_is_operator(void **state)
{
	(void)state;
	check_up("revision a\nup { create table t (a int check "
		 "(a # 3 > 0)); }\n",
		 "(create_table t (column a int (check (expr "
		 "\"a # 3 > 0\"))))\n");
}

static void test_lexer_hash_mid_line_not_comment(void **state)
{
	(void)state;
	check_first("revision a # not a comment\nup { }\n",
		    "t.mig:1:12: error: syntax error, unexpected operator, "
		    "expecting a header clause or 'up' or 'down'");
}

static void test_lexer_hash_line_in_expr_is_comment(void **state)
{
	(void)state;
	check_up("revision a\nup { create table t (a int check (a\n"
		 "  # ) not counted\n > 0)); }\n",
		 "(create_table t (column a int (check (expr \"a\n"
		 "  # ) not counted\n > 0\"))))\n");
}

static void test_lexer_comment_parens_in_expr(void **state)
{
	(void)state;
	check_up("revision a\nup { create table t (a int check "
		 "(a /* ) */ > 0 -- )\n)); }\n",
		 "(create_table t (column a int (check (expr "
		 "\"a /* ) */ > 0 -- )\n\"))))\n");
}

/* --- raw blocks ----------------------------------------------------- */

static void test_lexer_raw_dollar_dollar(void **state)
{
	(void)state;
	check_up("revision a\nup { sql $$select 'a;b'; -- x\n$$; }\n",
		 "(sql \"select 'a;b'; -- x\n\")\n");
}

static void test_lexer_raw_tagged(void **state)
{
	(void)state;
	check_up("revision a\nup { sql $body$ select $$x$$ $body$; }\n",
		 "(sql \" select $$x$$ \")\n");
}

static void test_lexer_raw_other_tag_inside(void **state)
{
	(void)state;
	check_up("revision a\nup { sql $$ do $x$ begin end $x$; $$; }\n",
		 "(sql \" do $x$ begin end $x$; \")\n");
}

static void test_lexer_raw_longer_tag_inside(void **state)
{
	(void)state;
	check_up("revision a\nup { sql $a$ x $ab$ y $ab$ $ z $a$; }\n",
		 "(sql \" x $ab$ y $ab$ $ z \")\n");
}

static void test_lexer_raw_tag_case_sensitive(void **state)
{
	(void)state;
	check_up("revision a\nup { sql $T$ $t$ $T$; }\n",
		 "(sql \" $t$ \")\n");
}

static void test_lexer_raw_empty(void **state)
{
	(void)state;
	check_up("revision a\nup { sql $$$$; sql $q$$q$; }\n",
		 "(sql \"\")\n(sql \"\")\n");
}

static void test_lexer_raw_bytes_verbatim(void **state)
{
	(void)state;
	check_up("revision a\nup { sql $$ ' \" /* -- ( \xff\xfe\\ $$; }\n",
		 "(sql \" ' \"\" /* -- ( \xff\xfe\\ \")\n");
}

static void test_lexer_raw_in_expr(void **state)
{
	(void)state;
	check_up("revision a\nup { create table t (a text check "
		 "(a <> $$)$$)); }\n",
		 "(create_table t (column a text (check (expr "
		 "\"a <> $$)$$\"))))\n");
}

static void test_lexer_raw_multiline_hash(void **state)
{
	(void)state;
	check_up("revision a\nup {\nsql mysql $$\n# not a comment here\n"
		 "$$;\n}\n",
		 "(sql (mysql) \"\n# not a comment here\n\")\n");
}

/* --- line endings and UTF-8 ----------------------------------------- */

static void test_lexer_crlf(void **state)
{
	struct tparse t;
	char *dump;

	(void)state;
	run_clean(&t, "revision a\r\nmessage 'm' -- c\r\n# h\r\n"
		      "up {\r\n  drop table t;\r\n}\r\n"
		      "down {\r\n  drop table u;\r\n}\r\n");
	dump = tparse_dump_block(&t, true);
	assert_string_equal(dump, "(drop_table u)\n");
	free(dump);
	tparse_free(&t);
}

static void test_lexer_crlf_error_position(void **state)
{
	(void)state;
	check_diags("revision a\r\nup {\r\n  drop table t\\;\r\n}\r\n",
		    "t.mig:3:15: error: invalid character\n"
		    "  drop table t\\;\n"
		    "              ^\n");
}

static void test_lexer_utf8_in_string(void **state)
{
	(void)state;
	check_message("revision a\nmessage 'caf\xc3\xa9 \xe2\x82\xac "
		      "\xf0\x9f\x98\x80'\nup { }\n",
		      "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
}

static void test_lexer_utf8_in_comments(void **state)
{
	(void)state;
	check_up("# \xc3\xa9t\xc3\xa9\nrevision a -- na\xc3\xafve\n"
		 "up { /* \xe2\x82\xac \xf0\x9f\x98\x80 */ drop table t; }\n",
		 "(drop_table t)\n");
}

static void test_lexer_utf8_in_quoted_identifier(void **state)
{
	(void)state;
	check_up("revision a\nup { create table \"caf\xc3\xa9\" "
		 "(\"\xe2\x82\xac\" int check (\"\xe2\x82\xac\" > 0)); }\n",
		 "(create_table \"caf\xc3\xa9\" (column \"\xe2\x82\xac\" int "
		 "(check (expr \"\"\"\xe2\x82\xac\"\" > 0\" "
		 "\"\xe2\x82\xac\"))))\n");
}

static void test_lexer_utf8_column_in_bytes(void **state)
{
	(void)state;
	check_diags("revision a\nmessage 'caf\xc3\xa9' \\\nup { }\n",
		    "t.mig:2:17: error: invalid character\n"
		    "message 'caf\xc3\xa9' \\\n"
		    "               ^\n");
}

/* --- unterminated constructs: reported at the opener ---------------- */

static void test_lexer_unterminated_string(void **state)
{
	struct tparse t;

	(void)state;
	tparse_run(&t, "revision a\nmessage 'abc\nup { }\n");
	assert_string_equal(t.diags,
		"t.mig:2:9: error: unterminated string literal\n"
		"message 'abc\n"
		"        ^\n");
	assert_int_equal(t.errors, 1);
	tparse_free(&t);
}

static void test_lexer_unterminated_string_in_expr(void **state)
{
	struct tparse t;

	(void)state;
	tparse_run(&t, "revision a\nup { create table t (a int check "
		       "('x)); }\n");
	assert_first_diag(&t, "t.mig:2:35: error: unterminated string "
			      "literal");
	assert_int_equal(t.errors, 1);
	tparse_free(&t);
}

static void test_lexer_unterminated_quoted_identifier(void **state)
{
	struct tparse t;

	(void)state;
	tparse_run(&t, "revision a\nup { drop table \"abc; }\n");
	assert_string_equal(t.diags,
		"t.mig:2:17: error: unterminated quoted identifier\n"
		"up { drop table \"abc; }\n"
		"                ^\n");
	assert_int_equal(t.errors, 1);
	tparse_free(&t);
}

static void test_lexer_unterminated_block_comment(void **state)
{
	struct tparse t;

	(void)state;
	tparse_run(&t, "revision a\nup { } /* never\nclosed\n");
	assert_string_equal(t.diags,
		"t.mig:2:8: error: unterminated /* comment\n"
		"up { } /* never\n"
		"       ^~\n");
	assert_int_equal(t.errors, 1);
	tparse_free(&t);
}

static void test_lexer_unterminated_raw_block(void **state)
{
	struct tparse t;

	(void)state;
	tparse_run(&t, "revision a\nup {\n  sql $x$ select 1; $$\n}\n");
	assert_string_equal(t.diags,
		"t.mig:3:7: error: unterminated raw SQL block\n"
		"  sql $x$ select 1; $$\n"
		"      ^~~\n");
	assert_int_equal(t.errors, 1);
	tparse_free(&t);
}

static void test_lexer_unterminated_raw_dollar_dollar(void **state)
{
	(void)state;
	check_first("revision a\nup { sql $$ select $x$ 1; $x$; }\n",
		    "t.mig:2:10: error: unterminated raw SQL block");
}

/* --- NUL bytes ------------------------------------------------------ */

static void test_lexer_nul_in_code(void **state)
{
	static const char src[] = "revision a\nup { drop\0 table t; }\n";
	struct tparse t;
	char *dump;

	(void)state;
	tparse_run_n(&t, src, sizeof(src) - 1);
	assert_first_diag(&t, "t.mig:2:10: error: NUL byte in input");
	assert_int_equal(t.errors, 1);
	dump = tparse_dump_block(&t, false);
	assert_string_equal(dump, "(drop_table t)\n");
	free(dump);
	tparse_free(&t);
}

static void test_lexer_nul_in_string(void **state)
{
	static const char src[] = "revision a\nmessage 'a\0b'\nup { }\n";

	(void)state;
	check_first_n(src, sizeof(src) - 1,
		      "t.mig:2:11: error: NUL byte in input");
}

static void test_lexer_nul_in_comment(void **state)
{
	static const char src[] = "revision a -- a\0b\nup { }\n";

	(void)state;
	check_first_n(src, sizeof(src) - 1,
		      "t.mig:1:16: error: NUL byte in input");
}

static void test_lexer_nul_in_raw_block(void **state)
{
	static const char src[] = "revision a\nup { sql $$ a\0b $$; }\n";

	(void)state;
	check_first_n(src, sizeof(src) - 1,
		      "t.mig:2:14: error: NUL byte in input");
}

static void test_lexer_nul_at_end(void **state)
{
	static const char src[] = "revision a\nup { }\n\0";

	(void)state;
	check_first_n(src, sizeof(src) - 1,
		      "t.mig:3:1: error: NUL byte in input");
}

/* --- invalid UTF-8 (outside raw blocks) and invalid characters ------ */

static void test_lexer_bad_utf8_in_code(void **state)
{
	(void)state;
	check_first("revision a\nup { drop table \xe9t; }\n",
		    "t.mig:2:17: error: invalid UTF-8 sequence");
}

static void test_lexer_bad_utf8_in_string(void **state)
{
	struct tparse t;

	(void)state;
	tparse_run(&t, "revision a\nmessage 'ab\xff" "c'\nup { }\n");
	assert_first_diag(&t, "t.mig:2:12: error: invalid UTF-8 sequence");
	assert_int_equal(t.errors, 1);
	tparse_free(&t);
}

static void test_lexer_bad_utf8_overlong(void **state)
{
	(void)state;
	check_first("revision a\nmessage 'a\xc0\xaf'\nup { }\n",
		    "t.mig:2:11: error: invalid UTF-8 sequence");
}

static void test_lexer_bad_utf8_in_quoted_identifier(void **state)
{
	(void)state;
	check_first("revision a\nup { drop table \"a\xfe" "b\"; }\n",
		    "t.mig:2:19: error: invalid UTF-8 sequence");
}

static void test_lexer_bad_utf8_in_line_comment(void **state)
{
	(void)state;
	check_first("revision a -- bad \xc3( here\nup { }\n",
		    "t.mig:1:19: error: invalid UTF-8 sequence");
}

static void test_lexer_bad_utf8_in_block_comment(void **state)
{
	(void)state;
	check_first("revision a /* \x80 */\nup { }\n",
		    "t.mig:1:15: error: invalid UTF-8 sequence");
}

static void test_lexer_bad_utf8_in_hash_comment(void **state)
{
	(void)state;
	check_first("revision a\n# \xc3\xa9 \xff\nup { }\n",
		    "t.mig:2:6: error: invalid UTF-8 sequence");
}

static void test_lexer_backslash(void **state)
{
	struct tparse t;

	(void)state;
	tparse_run(&t, "revision a\nup { drop table t\\; }\n");
	assert_string_equal(t.diags,
		"t.mig:2:18: error: invalid character\n"
		"up { drop table t\\; }\n"
		"                 ^\n");
	assert_int_equal(t.errors, 1);
	tparse_free(&t);
}

static void test_lexer_stray_utf8_letter(void **state)
{
	(void)state;
	check_diags("revision a\nup { drop table t\xc3\xa9; }\n",
		    "t.mig:2:18: error: invalid character\n"
		    "up { drop table t\xc3\xa9; }\n"
		    "                 ^\n");
}

static void test_lexer_lone_dollar(void **state)
{
	(void)state;
	check_first("revision a\nup { drop table $1; }\n",
		    "t.mig:2:17: error: invalid character");
}

static void test_lexer_errors_then_more_errors(void **state)
{
	struct tparse t;

	(void)state;
	tparse_run(&t, "revision a\nup {\n  drop table \\t;\n"
		       "  drop table \xc3\xa9u;\n}\n");
	assert_int_equal(t.errors, 2);
	assert_non_null(strstr(t.diags,
			       "t.mig:3:14: error: invalid character\n"));
	assert_non_null(strstr(t.diags,
			       "t.mig:4:14: error: invalid character\n"));
	tparse_free(&t);
}

/* --- identifier length and empty quoted identifiers ----------------- */

#define A10 "aaaaaaaaaa"
#define A60 A10 A10 A10 A10 A10 A10
#define A62 A60 "aa"
#define A63 A60 "aaa"
#define A64 A60 "aaaa"

static void test_lexer_identifier_63_bytes(void **state)
{
	(void)state;
	check_up("revision a\nup { drop table " A63 "; }\n",
		 "(drop_table " A63 ")\n");
}

static void test_lexer_identifier_64_bytes(void **state)
{
	(void)state;
	check_first("revision a\nup { drop table " A64 "; }\n",
		    "t.mig:2:17: error: identifier is longer than 63 bytes");
}

static void test_lexer_quoted_identifier_64_bytes(void **state)
{
	(void)state;
	check_first("revision a\nup { drop table t; create table \"" A64
		    "\" (a int); }\n",
		    "t.mig:2:33: error: identifier is longer than 63 bytes");
}

static void test_lexer_quoted_identifier_length_decoded(void **state)
{
	/* 62 letters and a doubled quote are 63 bytes once decoded. */
	(void)state;
	check_up("revision a\nup { drop table \"" A62 "\"\"\"; }\n",
		 "(drop_table \"" A62 "\"\"\")\n");
}

static void test_lexer_quoted_identifier_in_expr_64_bytes(void **state)
{
	(void)state;
	check_first("revision a\nup { create table t (a int check (\"" A64
		    "\" > 0)); }\n",
		    "t.mig:2:35: error: identifier is longer than 63 bytes");
}

static void test_lexer_zero_length_quoted_identifier(void **state)
{
	(void)state;
	check_diags("revision a\nup { drop table \"\"; }\n",
		    "t.mig:2:17: error: zero-length quoted identifier\n"
		    "up { drop table \"\"; }\n"
		    "                ^~\n");
}

static void test_lexer_zero_length_qident_in_expr(void **state)
{
	(void)state;
	check_first("revision a\nup { create table t (a int check "
		    "(\"\" > 0)); }\n",
		    "t.mig:2:35: error: zero-length quoted identifier");
}

/* Regressions: bugs found while writing these tests, now fixed. */
/* A truncated sequence is one invalid sequence: one error, at its start. */
static void test_lexer_regression_truncated_utf8_one_error(void **state)
{
	struct tparse t;

	(void)state;
	tparse_run(&t, "revision a\nmessage 'x\xe2\x82y'\nup { }\n");
	assert_first_diag(&t, "t.mig:2:11: error: invalid UTF-8 sequence");
	assert_int_equal(t.errors, 1);
	tparse_free(&t);
}

/* Identifiers are at most 63 bytes, in an expression too. */
static void test_lexer_regression_long_identifier_in_expr(void **state)
{
	(void)state;
	check_first("revision a\nup { create table t (a int check (" A64
		    " > 0)); }\n",
		    "t.mig:2:35: error: identifier is longer than 63 bytes");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lexer_keywords_any_case),
		cmocka_unit_test(test_lexer_every_keyword_any_case),
		cmocka_unit_test(test_lexer_multiword_keywords_any_case),
		cmocka_unit_test(test_lexer_identifier_folded),
		cmocka_unit_test(test_lexer_quoted_identifier_kept),
		cmocka_unit_test(test_lexer_quoted_identifier_same_key),
		cmocka_unit_test(test_lexer_string_doubled_quote),
		cmocka_unit_test(test_lexer_string_no_backslash_escape),
		cmocka_unit_test(test_lexer_string_spans_lines),
		cmocka_unit_test(test_lexer_string_empty),
		cmocka_unit_test(test_lexer_numbers),
		cmocka_unit_test(test_lexer_negative_number_apart),
		cmocka_unit_test(test_lexer_revision_id_digit_start),
		cmocka_unit_test(test_lexer_revision_id_pure_digits),
		cmocka_unit_test(test_lexer_revision_id_case_kept),
		cmocka_unit_test(test_lexer_operators_in_expr),
		cmocka_unit_test(test_lexer_every_token_in_expr),
		cmocka_unit_test(test_lexer_punctuation_without_blanks),
		cmocka_unit_test(test_lexer_line_comments),
		cmocka_unit_test(test_lexer_block_comments),
		cmocka_unit_test(test_lexer_block_comment_not_nested),
		cmocka_unit_test(test_lexer_hash_comment_at_line_start),
		cmocka_unit_test(test_lexer_hash_mid_line_is_operator),
		cmocka_unit_test(test_lexer_hash_mid_line_not_comment),
		cmocka_unit_test(test_lexer_hash_line_in_expr_is_comment),
		cmocka_unit_test(test_lexer_comment_parens_in_expr),
		cmocka_unit_test(test_lexer_raw_dollar_dollar),
		cmocka_unit_test(test_lexer_raw_tagged),
		cmocka_unit_test(test_lexer_raw_other_tag_inside),
		cmocka_unit_test(test_lexer_raw_longer_tag_inside),
		cmocka_unit_test(test_lexer_raw_tag_case_sensitive),
		cmocka_unit_test(test_lexer_raw_empty),
		cmocka_unit_test(test_lexer_raw_bytes_verbatim),
		cmocka_unit_test(test_lexer_raw_in_expr),
		cmocka_unit_test(test_lexer_raw_multiline_hash),
		cmocka_unit_test(test_lexer_crlf),
		cmocka_unit_test(test_lexer_crlf_error_position),
		cmocka_unit_test(test_lexer_utf8_in_string),
		cmocka_unit_test(test_lexer_utf8_in_comments),
		cmocka_unit_test(test_lexer_utf8_in_quoted_identifier),
		cmocka_unit_test(test_lexer_utf8_column_in_bytes),
		cmocka_unit_test(test_lexer_unterminated_string),
		cmocka_unit_test(test_lexer_unterminated_string_in_expr),
		cmocka_unit_test(test_lexer_unterminated_quoted_identifier),
		cmocka_unit_test(test_lexer_unterminated_block_comment),
		cmocka_unit_test(test_lexer_unterminated_raw_block),
		cmocka_unit_test(test_lexer_unterminated_raw_dollar_dollar),
		cmocka_unit_test(test_lexer_nul_in_code),
		cmocka_unit_test(test_lexer_nul_in_string),
		cmocka_unit_test(test_lexer_nul_in_comment),
		cmocka_unit_test(test_lexer_nul_in_raw_block),
		cmocka_unit_test(test_lexer_nul_at_end),
		cmocka_unit_test(test_lexer_bad_utf8_in_code),
		cmocka_unit_test(test_lexer_bad_utf8_in_string),
		cmocka_unit_test(test_lexer_bad_utf8_overlong),
		cmocka_unit_test(test_lexer_bad_utf8_in_quoted_identifier),
		cmocka_unit_test(test_lexer_bad_utf8_in_line_comment),
		cmocka_unit_test(test_lexer_bad_utf8_in_block_comment),
		cmocka_unit_test(test_lexer_bad_utf8_in_hash_comment),
		cmocka_unit_test(test_lexer_backslash),
		cmocka_unit_test(test_lexer_stray_utf8_letter),
		cmocka_unit_test(test_lexer_lone_dollar),
		cmocka_unit_test(test_lexer_errors_then_more_errors),
		cmocka_unit_test(test_lexer_identifier_63_bytes),
		cmocka_unit_test(test_lexer_identifier_64_bytes),
		cmocka_unit_test(test_lexer_quoted_identifier_64_bytes),
		cmocka_unit_test(test_lexer_quoted_identifier_length_decoded),
		cmocka_unit_test(test_lexer_quoted_identifier_in_expr_64_bytes),
		cmocka_unit_test(test_lexer_zero_length_quoted_identifier),
		cmocka_unit_test(test_lexer_zero_length_qident_in_expr),
		cmocka_unit_test(test_lexer_regression_truncated_utf8_one_error),
		cmocka_unit_test(test_lexer_regression_long_identifier_in_expr),
	};

	return cmocka_run_group_tests_name("lexer", tests, NULL, NULL);
}
