/*
 * parser.y: the pure LALR(1) grammar of .mig files.  Each action is one
 * constructor call (ast.c); validation happens later, in resolve.c.
 * Recovery: a bad statement is skipped to its ';', a bad block to its '}'
 * or the next 'up', 'down' or 'revision', a bad header clause to the next
 * clause or block.
 */
%require "3.8"
%define api.pure full
%define api.prefix {rt_yy}
%define api.token.prefix {TOK_}
%define api.value.type union
%define api.header.include {"parser.h"}
%define parse.error custom
%define parse.lac full
%locations
%param {yyscan_t scanner}
%parse-param {struct parse_ctx *pc}
%expect 0

%code requires {
#include <stdbool.h>
#include "ast.h"
#include "srcfile.h"

#ifndef RT_YYSCAN_T
#define RT_YYSCAN_T
typedef void *yyscan_t;
#endif

#define RT_YYLTYPE struct src_span
#define RT_YYLTYPE_IS_DECLARED 1

struct parse_ctx;
}

%code provides {
int rt_yylex(RT_YYSTYPE *lval, RT_YYLTYPE *lloc, yyscan_t scanner);
}

%code {
#include "parse.h"

#define YYLLOC_DEFAULT(Cur, Rhs, N)					\
	do {								\
		if (N) {						\
			(Cur).file = YYRHSLOC(Rhs, 1).file;		\
			(Cur).start = YYRHSLOC(Rhs, 1).start;		\
			(Cur).end = YYRHSLOC(Rhs, N).end;		\
		} else {						\
			(Cur).file = YYRHSLOC(Rhs, 0).file;		\
			(Cur).start = YYRHSLOC(Rhs, 0).end;		\
			(Cur).end = YYRHSLOC(Rhs, 0).end;		\
		}							\
	} while (0)

static void rt_yyerror(RT_YYLTYPE *loc, yyscan_t scanner,
		       struct parse_ctx *pc, const char *msg);
}

%initial-action {
	@$ = parse_start_span(pc);
}

%token END 0 "end of file"
%token INVALID "invalid token"
%token IDENT "identifier"
%token QIDENT "quoted identifier"
%token STRING "string literal"
%token NUMBER "number"
%token DIGITWORD "word starting with a digit"
%token RAW "raw SQL block"
%token OP "operator"

%token ACTION "'action'" ADD "'add'" AFTER "'after'" ALTER "'alter'"
%token AS "'as'" ASC "'asc'" BEFORE "'before'" ENUM "'enum'" VALUE "'value'"
%token AUTOINCREMENT "'autoincrement'" CASCADE "'cascade'"
%token CHARACTER "'character'" CHECK "'check'" COLUMN "'column'"
%token COMMENT "'comment'" CONCURRENTLY "'concurrently'"
%token CONSTRAINT "'constraint'" CREATE "'create'" CREATED "'created'"
%token CURRENT_DATE "'current_date'" CURRENT_TIME "'current_time'"
%token CURRENT_TIMESTAMP "'current_timestamp'" DATA "'data'"
%token DEFAULT "'default'" DEFERRABLE "'deferrable'" DEFERRED "'deferred'"
%token DELETE "'delete'" DEPENDS "'depends'"
%token DESC "'desc'" DOUBLE "'double'" DOWN "'down'" DROP "'drop'"
%token EXISTS "'exists'" FALSE "'false'" FOREIGN "'foreign'" FROM "'from'"
%token IF "'if'" IMMEDIATE "'immediate'" INDEX "'index'" INITIALLY "'initially'"
%token INSERT "'insert'" INTO "'into'" IS "'is'" KEY "'key'" LABEL "'label'"
%token MESSAGE "'message'" NEW_UUID "'new_uuid'" NO "'no'" NOT "'not'" NOW_PRECISE "'now_precise'" NULL "'null'" ON "'on'"
%token PRECISION "'precision'" PRIMARY "'primary'"
%token REFERENCES "'references'" RENAME "'rename'" REQUIRES "'requires'"
%token RESTRICT "'restrict'" REVISION "'revision'" SET "'set'" SQL "'sql'"
%token STATEMENT_TIMEOUT "'statement_timeout'"
%token TABLE "'table'" TIME "'time'" TIMESTAMP "'timestamp'" TO "'to'"
%token TRANSACTIONAL "'transactional'" TRUE "'true'" TYPE "'type'"
%token UNIQUE "'unique'" UP "'up'" UPDATE "'update'" USING "'using'"
%token VALUES "'values'" VARYING "'varying'" WHERE "'where'" WITH "'with'"
%token WITHOUT "'without'" ZONE "'zone'"
%token BY "'by'" CACHE "'cache'" CYCLE "'cycle'" INCREMENT "'increment'"
%token MAXVALUE "'maxvalue'" MINVALUE "'minvalue'" NEXTVAL "'nextval'"
%token RESTART "'restart'" SEQUENCE "'sequence'" START "'start'"

%type <struct ast_revision *> revision
%type <struct ast_list> clauses blocks words stmts table_elems col_cons
%type <struct ast_list> type_args name_list index_cols rows literals assigns
%type <struct ast_list> opt_type_args opt_ref_cols dialects labels seq_opts
%type <struct ast_list> seq_restart
%type <struct ast_node *> clause block stmt stmt_body alter_action
%type <struct ast_node *> name qname word literal bare_time type type_arg
%type <struct ast_node *> scalar_type
%type <struct ast_node *> column_def col_con named_col_con table_con
%type <struct ast_node *> table_con_body references fk_ref opt_name
%type <struct ast_node *> paren_expr expr_body opt_using opt_where opt_method
%type <struct ast_node *> default_value index_col row assign comment_text
%type <struct ast_node *> label seq_opt seq_num
%type <enum fk_action> fk_action
%type <enum con_defer> deferrable
%type <bool> bool opt_unique opt_desc block_kw opt_concurrently
%type <const char *> type_name

%%

/* Junk before the first revision is skipped; junk after a revision's
 * blocks belongs to that revision (blocks: blocks error), so it is kept. */
file:
	  %empty
	| error
	| file revision			{ ast_file_add(pc, $2); }
	;

revision:
	  revision_kw word clauses blocks
					{ $$ = ast_new_revision(pc, @$, $2, &$3, &$4); }
	| revision_kw error clauses blocks
					{ $$ = ast_new_revision(pc, @$, NULL, &$3, &$4); }
	;

/* A new revision, and each block, is a fresh start: report errors in it
 * even right after recovering from an earlier one. */
revision_kw:
	  REVISION			{ yyerrok; }
	;

clauses:
	  %empty			{ $$ = (struct ast_list){ 0 }; }
	| clauses clause		{ ast_list_append(&$1, $2); $$ = $1; }
	;

clause:
	  MESSAGE literal		{ $$ = ast_new_clause(pc, @$, CLAUSE_MESSAGE, NULL, $2); }
	| DEPENDS words			{ $$ = ast_new_clause(pc, @$, CLAUSE_DEPENDS, &$2, NULL); }
	| REQUIRES words		{ $$ = ast_new_clause(pc, @$, CLAUSE_REQUIRES, &$2, NULL); }
	| LABEL words			{ $$ = ast_new_clause(pc, @$, CLAUSE_LABEL, &$2, NULL); }
	| CREATED literal		{ $$ = ast_new_clause(pc, @$, CLAUSE_CREATED, NULL, $2); }
	| CREATED bare_time		{ $$ = ast_new_clause(pc, @$, CLAUSE_CREATED, NULL, $2); }
	| TRANSACTIONAL literal		{ $$ = ast_new_clause(pc, @$, CLAUSE_TRANSACTIONAL, NULL, $2); }
	| STATEMENT_TIMEOUT literal	{ $$ = ast_new_clause(pc, @$, CLAUSE_STATEMENT_TIMEOUT, NULL, $2); }
	| error				{ $$ = NULL; }
	;

/* A time without its quotes (created 2024-01-01 10:00:00): one number
 * literal over it all, which resolve refuses showing the quotes. */
bare_time:
	  NUMBER '-' NUMBER '-' NUMBER	{ $$ = ast_new_literal(pc, @$, LIT_NUMBER); }
	| NUMBER '-' NUMBER '-' NUMBER NUMBER OP NUMBER OP NUMBER
					{ $$ = ast_new_literal(pc, @$, LIT_NUMBER); }
	;

words:
	  word				{ $$ = (struct ast_list){ 0 }; ast_list_append(&$$, $1); }
	| words ',' word		{ ast_list_append(&$1, $3); $$ = $1; }
	;

/* A revision id or label: any word, even one starting with a digit. */
word:
	  IDENT				{ $$ = ast_new_word(pc, @1); }
	| DIGITWORD			{ $$ = ast_new_word(pc, @1); }
	| NUMBER			{ $$ = ast_new_word(pc, @1); }
	| STRING			{ $$ = ast_new_word(pc, @1); }
	| sql_keyword			{ $$ = ast_new_word(pc, @1); }
	;

blocks:
	  block				{ $$ = (struct ast_list){ 0 }; ast_list_append(&$$, $1); }
	| blocks block			{ ast_list_append(&$1, $2); $$ = $1; }
	| blocks error			{ $$ = $1; }
	;

block:
	  block_kw '{' stmts '}'	{ $$ = ast_new_block(pc, @$, $1, &$3); }
	| block_kw '{' stmts error '}'	{ $$ = ast_new_block(pc, @$, $1, &$3); }
	| block_kw '{' stmts error	{ $$ = ast_new_block(pc, @$, $1, &$3); }
	;

block_kw:
	  UP				{ $$ = false; yyerrok; }
	| DOWN				{ $$ = true; yyerrok; }
	;

stmts:
	  %empty			{ $$ = (struct ast_list){ 0 }; }
	| stmts stmt			{ ast_list_append(&$1, $2); $$ = $1; }
	;

stmt:
	  stmt_body ';'			{ $$ = $1; }
	| error ';'			{ $$ = NULL; yyerrok; }
	;

stmt_body:
	  CREATE TABLE qname '(' table_elems ')'
					{ $$ = ast_new_create_table(pc, @$, $3, &$5); }
	| CREATE TABLE IF NOT EXISTS qname '(' table_elems ')'
					{ $$ = ast_guard(ast_new_create_table(pc, @$, $6, &$8)); }
	| DROP TABLE qname		{ $$ = ast_new_drop_table(pc, @$, $3); }
	| DROP TABLE IF EXISTS qname	{ $$ = ast_guard(ast_new_drop_table(pc, @$, $5)); }
	| ALTER TABLE qname alter_action
					{ $$ = ast_alter_table(@$, $3, $4); }
	| CREATE opt_unique INDEX opt_concurrently opt_name ON qname opt_method '(' index_cols ')' opt_where
					{ $$ = ast_concurrently(ast_new_create_index(pc, @$, $2, $5, $7, $8, &$10, $12), $4); }
	| CREATE opt_unique INDEX opt_concurrently IF NOT EXISTS name ON qname opt_method '(' index_cols ')' opt_where
					{ $$ = ast_concurrently(ast_guard(ast_new_create_index(pc, @$, $2, $8, $10, $11, &$13, $15)), $4); }
	| DROP INDEX opt_concurrently qname
					{ $$ = ast_concurrently(ast_new_drop_index(pc, @$, $4), $3); }
	| DROP INDEX opt_concurrently IF EXISTS qname
					{ $$ = ast_concurrently(ast_guard(ast_new_drop_index(pc, @$, $6)), $3); }
	| ALTER INDEX qname RENAME TO name
					{ $$ = ast_new_rename_index(pc, @$, $3, $6); }
	| INSERT INTO qname '(' name_list ')' VALUES rows
					{ $$ = ast_new_insert(pc, @$, $3, &$5, &$8); }
	| INSERT INTO qname '(' name_list ')' paren_expr
					{ $$ = ast_new_insert_query(pc, @$, $3, &$5, $7); }
	| UPDATE qname SET assigns opt_where
					{ $$ = ast_new_dml(pc, @$, AST_UPDATE, $2, &$4, $5); }
	| DELETE FROM qname opt_where	{ $$ = ast_new_dml(pc, @$, AST_DELETE, $3, NULL, $4); }
	| COMMENT ON TABLE qname IS comment_text
					{ $$ = ast_new_comment(pc, @$, $4, NULL, $6); }
	| COMMENT ON COLUMN name '.' name IS comment_text
					{ $$ = ast_new_comment_column(pc, @$, $4, $6, NULL, $8); }
	| COMMENT ON COLUMN name '.' name '.' name IS comment_text
					{ $$ = ast_new_comment_column(pc, @$, $4, $6, $8, $10); }
	| CREATE TYPE name AS ENUM '(' labels ')'
					{ $$ = ast_new_enum(pc, @$, AST_CREATE_TYPE, $3, &$7); }
	| DROP TYPE name		{ $$ = ast_new_enum(pc, @$, AST_DROP_TYPE, $3, NULL); }
	| ALTER TYPE name ADD VALUE label
					{ $$ = ast_enum_set(ast_new_enum(pc, @$, AST_ADD_VALUE, $3, NULL), $6, NULL, NULL, false); }
	| ALTER TYPE name ADD VALUE label BEFORE label
					{ $$ = ast_enum_set(ast_new_enum(pc, @$, AST_ADD_VALUE, $3, NULL), $6, NULL, $8, false); }
	| ALTER TYPE name ADD VALUE label AFTER label
					{ $$ = ast_enum_set(ast_new_enum(pc, @$, AST_ADD_VALUE, $3, NULL), $6, NULL, $8, true); }
	| ALTER TYPE name RENAME VALUE label TO label
					{ $$ = ast_enum_set(ast_new_enum(pc, @$, AST_RENAME_VALUE, $3, NULL), $6, $8, NULL, false); }
	| CREATE SEQUENCE qname seq_opts
					{ $$ = ast_new_sequence(pc, @$, AST_CREATE_SEQUENCE, $3, &$4); }
	| CREATE SEQUENCE IF NOT EXISTS qname seq_opts
					{ $$ = ast_guard(ast_new_sequence(pc, @$, AST_CREATE_SEQUENCE, $6, &$7)); }
	| DROP SEQUENCE qname		{ $$ = ast_new_sequence(pc, @$, AST_DROP_SEQUENCE, $3, NULL); }
	| DROP SEQUENCE IF EXISTS qname	{ $$ = ast_guard(ast_new_sequence(pc, @$, AST_DROP_SEQUENCE, $5, NULL)); }
	| ALTER SEQUENCE qname seq_restart
					{ $$ = ast_new_sequence(pc, @$, AST_ALTER_SEQUENCE, $3, &$4); }
	| SQL RAW			{ $$ = ast_new_raw(pc, @$, NULL, @2); }
	| SQL dialects RAW		{ $$ = ast_new_raw(pc, @$, &$2, @3); }
	;

labels:
	  label				{ $$ = (struct ast_list){ 0 }; ast_list_append(&$$, $1); }
	| labels ',' label		{ ast_list_append(&$1, $3); $$ = $1; }
	;

label:
	  STRING			{ $$ = ast_new_literal(pc, @$, LIT_STRING); }
	;

/* create sequence's options, in any order (resolve checks each is
 * given once). */
seq_opts:
	  %empty			{ $$ = (struct ast_list){ 0 }; }
	| seq_opts seq_opt		{ ast_list_append(&$1, $2); $$ = $1; }
	;

seq_opt:
	  AS type			{ $$ = ast_new_seq_opt(pc, @$, SEQ_AS, $2); }
	| INCREMENT seq_num		{ $$ = ast_new_seq_opt(pc, @$, SEQ_INCREMENT, $2); }
	| INCREMENT BY seq_num		{ $$ = ast_new_seq_opt(pc, @$, SEQ_INCREMENT, $3); }
	| MINVALUE seq_num		{ $$ = ast_new_seq_opt(pc, @$, SEQ_MINVALUE, $2); }
	| MAXVALUE seq_num		{ $$ = ast_new_seq_opt(pc, @$, SEQ_MAXVALUE, $2); }
	| START seq_num			{ $$ = ast_new_seq_opt(pc, @$, SEQ_START, $2); }
	| START WITH seq_num		{ $$ = ast_new_seq_opt(pc, @$, SEQ_START, $3); }
	| CACHE seq_num			{ $$ = ast_new_seq_opt(pc, @$, SEQ_CACHE, $2); }
	| CYCLE				{ $$ = ast_new_seq_opt(pc, @$, SEQ_CYCLE, NULL); }
	| NO CYCLE			{ $$ = ast_new_seq_opt(pc, @$, SEQ_NO_CYCLE, NULL); }
	;

seq_restart:
	  RESTART			{ $$ = (struct ast_list){ 0 }; ast_list_append(&$$, ast_new_seq_opt(pc, @$, SEQ_RESTART, NULL)); }
	| RESTART seq_num		{ $$ = (struct ast_list){ 0 }; ast_list_append(&$$, ast_new_seq_opt(pc, @$, SEQ_RESTART, $2)); }
	| RESTART WITH seq_num		{ $$ = (struct ast_list){ 0 }; ast_list_append(&$$, ast_new_seq_opt(pc, @$, SEQ_RESTART, $3)); }
	;

seq_num:
	  NUMBER			{ $$ = ast_new_literal(pc, @$, LIT_NUMBER); }
	| '-' NUMBER			{ $$ = ast_new_literal(pc, @$, LIT_NUMBER); }
	;

alter_action:
	  RENAME TO name		{ $$ = ast_alter_set(ast_new_alter(pc, @$, AST_RENAME_TABLE, NULL), $3, NULL, NULL, NULL); }
	| RENAME opt_column name TO name
					{ $$ = ast_alter_set(ast_new_alter(pc, @$, AST_RENAME_COLUMN, $3), $5, NULL, NULL, NULL); }
	| ADD opt_column column_def	{ $$ = ast_alter_set(ast_new_alter(pc, @$, AST_ADD_COLUMN, NULL), NULL, $3, NULL, NULL); }
	| ADD opt_column IF NOT EXISTS column_def
					{ $$ = ast_guard(ast_alter_set(ast_new_alter(pc, @$, AST_ADD_COLUMN, NULL), NULL, $6, NULL, NULL)); }
	| ADD table_con			{ $$ = ast_alter_set(ast_new_alter(pc, @$, AST_ADD_CONSTRAINT, NULL), NULL, $2, NULL, NULL); }
	| DROP opt_column name		{ $$ = ast_new_alter(pc, @$, AST_DROP_COLUMN, $3); }
	| DROP opt_column IF EXISTS name
					{ $$ = ast_guard(ast_new_alter(pc, @$, AST_DROP_COLUMN, $5)); }
	| DROP CONSTRAINT name		{ $$ = ast_alter_set(ast_new_alter(pc, @$, AST_DROP_CONSTRAINT, NULL), $3, NULL, NULL, NULL); }
	| DROP CONSTRAINT IF EXISTS name
					{ $$ = ast_guard(ast_alter_set(ast_new_alter(pc, @$, AST_DROP_CONSTRAINT, NULL), $5, NULL, NULL, NULL)); }
	| RENAME CONSTRAINT name TO name
					{ $$ = ast_alter_set(ast_new_alter(pc, @$, AST_RENAME_CONSTRAINT, NULL), $5, $3, NULL, NULL); }
	| ALTER opt_column name TYPE type opt_using
					{ $$ = ast_alter_set(ast_new_alter(pc, @$, AST_ALTER_TYPE, $3), NULL, NULL, $5, $6); }
	| ALTER opt_column name SET DATA TYPE type opt_using
					{ $$ = ast_alter_set(ast_new_alter(pc, @$, AST_ALTER_TYPE, $3), NULL, NULL, $7, $8); }
	| ALTER opt_column name SET NOT NULL
					{ $$ = ast_new_alter(pc, @$, AST_SET_NOT_NULL, $3); }
	| ALTER opt_column name DROP NOT NULL
					{ $$ = ast_new_alter(pc, @$, AST_DROP_NOT_NULL, $3); }
	| ALTER opt_column name SET DEFAULT default_value
					{ $$ = ast_alter_set(ast_new_alter(pc, @$, AST_SET_DEFAULT, $3), NULL, NULL, NULL, $6); }
	| ALTER opt_column name DROP DEFAULT
					{ $$ = ast_new_alter(pc, @$, AST_DROP_DEFAULT, $3); }
	;

opt_column:
	  %empty
	| COLUMN
	;

opt_using:
	  %empty			{ $$ = NULL; }
	| USING paren_expr		{ $$ = $2; }
	;

table_elems:
	  column_def			{ $$ = (struct ast_list){ 0 }; ast_list_append(&$$, $1); }
	| table_con			{ $$ = (struct ast_list){ 0 }; ast_list_append(&$$, $1); }
	| table_elems ',' column_def	{ ast_list_append(&$1, $3); $$ = $1; }
	| table_elems ',' table_con	{ ast_list_append(&$1, $3); $$ = $1; }
	;

column_def:
	  name type col_cons		{ $$ = ast_new_column(pc, @$, $1, $2, &$3); }
	;

col_cons:
	  %empty			{ $$ = (struct ast_list){ 0 }; }
	| col_cons col_con		{ ast_list_append(&$1, $2); $$ = $1; }
	;

col_con:
	  NOT NULL			{ $$ = ast_new_constraint(pc, @$, CON_NOT_NULL); }
	| NULL				{ $$ = ast_new_constraint(pc, @$, CON_NULL); }
	| AUTOINCREMENT			{ $$ = ast_new_constraint(pc, @$, CON_AUTOINCREMENT); }
	| DEFAULT default_value		{ $$ = ast_new_valued(pc, @$, CON_DEFAULT, $2); }
	| named_col_con			{ $$ = $1; }
	| CONSTRAINT name named_col_con	{ $$ = ast_constraint_named(@$, $2, $3); }
	;

named_col_con:
	  PRIMARY KEY			{ $$ = ast_new_constraint(pc, @$, CON_PRIMARY_KEY); }
	| UNIQUE			{ $$ = ast_new_constraint(pc, @$, CON_UNIQUE); }
	| UNIQUE deferrable		{ $$ = ast_con_defer(pc, @$, @2, ast_new_constraint(pc, @$, CON_UNIQUE), $2); }
	| CHECK paren_expr		{ $$ = ast_new_valued(pc, @$, CON_CHECK, $2); }
	| references			{ $$ = $1; }
	;

references:
	  REFERENCES qname opt_ref_cols	{ $$ = ast_new_references(pc, @$, $2, &$3); }
	| references ON DELETE fk_action
					{ $$ = ast_fk_action(pc, @$, @2, $1, false, $4); }
	| references ON UPDATE fk_action
					{ $$ = ast_fk_action(pc, @$, @2, $1, true, $4); }
	| references deferrable		{ $$ = ast_con_defer(pc, @$, @2, $1, $2); }
	;

deferrable:
	  DEFERRABLE			{ $$ = DEFER_IMMEDIATE; }
	| DEFERRABLE INITIALLY IMMEDIATE	{ $$ = DEFER_IMMEDIATE; }
	| DEFERRABLE INITIALLY DEFERRED	{ $$ = DEFER_DEFERRED; }
	;

opt_ref_cols:
	  %empty			{ $$ = (struct ast_list){ 0 }; }
	| '(' name_list ')'		{ $$ = $2; }
	;

fk_action:
	  CASCADE			{ $$ = FK_CASCADE; }
	| RESTRICT			{ $$ = FK_RESTRICT; }
	| SET NULL			{ $$ = FK_SET_NULL; }
	| SET DEFAULT			{ $$ = FK_SET_DEFAULT; }
	| NO ACTION			{ $$ = FK_NO_ACTION; }
	;

table_con:
	  table_con_body		{ $$ = $1; }
	| CONSTRAINT name table_con_body
					{ $$ = ast_constraint_named(@$, $2, $3); }
	;

table_con_body:
	  PRIMARY KEY '(' name_list ')'	{ $$ = ast_new_key(pc, @$, CON_PRIMARY_KEY, &$4); }
	| UNIQUE '(' name_list ')'	{ $$ = ast_new_key(pc, @$, CON_UNIQUE, &$3); }
	| UNIQUE '(' name_list ')' deferrable
					{ $$ = ast_con_defer(pc, @$, @5, ast_new_key(pc, @$, CON_UNIQUE, &$3), $5); }
	| CHECK paren_expr		{ $$ = ast_new_valued(pc, @$, CON_CHECK, $2); }
	| FOREIGN KEY '(' name_list ')' fk_ref
					{ $$ = ast_new_foreign_key(pc, @$, &$4, $6); }
	;

fk_ref:
	  references			{ $$ = $1; }
	;

default_value:
	  literal			{ $$ = $1; }
	| paren_expr			{ $$ = $1; }
	| NEW_UUID '(' ')'		{ $$ = ast_new_literal(pc, @$, LIT_NEW_UUID); }
	| NOW_PRECISE '(' ')'		{ $$ = ast_new_literal(pc, @$, LIT_NOW_PRECISE); }
	| NEXTVAL '(' qname ')'		{ $$ = ast_new_nextval(pc, @$, $3); }
	| NEXTVAL '(' STRING ')'	{ $$ = ast_new_nextval_string(pc, @$, @3); }
	;

/* An array type: its element type, then [] for each dimension (kept,
 * though PostgreSQL does not enforce them). */
type:
	  scalar_type			{ $$ = $1; }
	| type '[' ']'			{ $$ = ast_type_array(pc, @$, $1); }
	;

scalar_type:
	  type_name opt_type_args	{ $$ = ast_new_type_named(pc, @$, $1, &$2); }
	| DOUBLE PRECISION		{ $$ = ast_new_type_named(pc, @$, "double precision", NULL); }
	| CHARACTER VARYING opt_type_args
					{ $$ = ast_new_type_named(pc, @$, "character varying", &$3); }
	| TIMESTAMP WITH TIME ZONE	{ $$ = ast_new_type_named(pc, @$, "timestamp with time zone", NULL); }
	| TIMESTAMP WITHOUT TIME ZONE	{ $$ = ast_new_type_named(pc, @$, "timestamp without time zone", NULL); }
	| TIME WITH TIME ZONE		{ $$ = ast_new_type_named(pc, @$, "time with time zone", NULL); }
	| TIME WITHOUT TIME ZONE	{ $$ = ast_new_type_named(pc, @$, "time without time zone", NULL); }
	;

/* A name that is only a type's spelling: no node of its own. */
type_name:
	  IDENT				{ $$ = ast_type_name(pc, @1); }
	| QIDENT			{ $$ = ast_type_name(pc, @1); }
	| clause_keyword		{ $$ = ast_type_name(pc, @1); }
	| sql_keyword			{ $$ = ast_type_name(pc, @1); }
	;

opt_type_args:
	  %empty			{ $$ = (struct ast_list){ 0 }; }
	| '(' type_args ')'		{ $$ = $2; }
	;

type_args:
	  type_arg			{ $$ = (struct ast_list){ 0 }; ast_list_append(&$$, $1); }
	| type_args ',' type_arg	{ ast_list_append(&$1, $3); $$ = $1; }
	;

type_arg:
	  literal			{ $$ = $1; }
	| name				{ $$ = $1; }
	;

opt_unique:
	  %empty			{ $$ = false; }
	| UNIQUE			{ $$ = true; }
	;

opt_name:
	  %empty			{ $$ = NULL; }
	| name				{ $$ = $1; }
	;

index_cols:
	  index_col			{ $$ = (struct ast_list){ 0 }; ast_list_append(&$$, $1); }
	| index_cols ',' index_col	{ ast_list_append(&$1, $3); $$ = $1; }
	;

index_col:
	  name opt_desc			{ $$ = ast_new_index_column(pc, @$, $1, NULL, $2); }
	| paren_expr opt_desc		{ $$ = ast_new_index_column(pc, @$, NULL, $1, $2); }
	;

opt_concurrently:
	  %empty			{ $$ = false; }
	| CONCURRENTLY			{ $$ = true; }
	;

opt_method:
	  %empty			{ $$ = NULL; }
	| USING name			{ $$ = $2; }
	;

opt_desc:
	  %empty			{ $$ = false; }
	| ASC				{ $$ = false; }
	| DESC				{ $$ = true; }
	;

opt_where:
	  %empty			{ $$ = NULL; }
	| WHERE paren_expr		{ $$ = $2; }
	;

rows:
	  row				{ $$ = (struct ast_list){ 0 }; ast_list_append(&$$, $1); }
	| rows ',' row			{ ast_list_append(&$1, $3); $$ = $1; }
	;

row:
	  '(' literals ')'		{ $$ = ast_new_row(pc, @$, &$2); }
	;

assigns:
	  assign			{ $$ = (struct ast_list){ 0 }; ast_list_append(&$$, $1); }
	| assigns ',' assign		{ ast_list_append(&$1, $3); $$ = $1; }
	;

/* `c = value`: the lexer reads '=' as an operator. */
assign:
	  name OP default_value		{ $$ = ast_new_assign(pc, @$, $1, @2, $3); }
	;

comment_text:
	  STRING			{ $$ = ast_new_literal(pc, @$, LIT_STRING); }
	| NULL				{ $$ = ast_new_literal(pc, @$, LIT_NULL); }
	;

literals:
	  literal			{ $$ = (struct ast_list){ 0 }; ast_list_append(&$$, $1); }
	| literals ',' literal		{ ast_list_append(&$1, $3); $$ = $1; }
	;

literal:
	  NUMBER			{ $$ = ast_new_literal(pc, @$, LIT_NUMBER); }
	| '-' NUMBER			{ $$ = ast_new_literal(pc, @$, LIT_NUMBER); }
	| STRING			{ $$ = ast_new_literal(pc, @$, LIT_STRING); }
	| bool				{ $$ = ast_new_literal(pc, @$, $1 ? LIT_TRUE : LIT_FALSE); }
	| NULL				{ $$ = ast_new_literal(pc, @$, LIT_NULL); }
	| CURRENT_TIMESTAMP		{ $$ = ast_new_literal(pc, @$, LIT_CURRENT_TIMESTAMP); }
	| CURRENT_DATE			{ $$ = ast_new_literal(pc, @$, LIT_CURRENT_DATE); }
	| CURRENT_TIME			{ $$ = ast_new_literal(pc, @$, LIT_CURRENT_TIME); }
	;

bool:
	  TRUE				{ $$ = true; }
	| FALSE				{ $$ = false; }
	;

dialects:
	  name				{ $$ = (struct ast_list){ 0 }; ast_list_append(&$$, $1); }
	| dialects ',' name		{ ast_list_append(&$1, $3); $$ = $1; }
	;

name_list:
	  name				{ $$ = (struct ast_list){ 0 }; ast_list_append(&$$, $1); }
	| name_list ',' name		{ ast_list_append(&$1, $3); $$ = $1; }
	;

qname:
	  name				{ $$ = ast_new_qname(pc, @$, NULL, $1); }
	| name '.' name			{ $$ = ast_new_qname(pc, @$, $1, $3); }
	;

name:
	  IDENT				{ $$ = ast_new_name(pc, @1); }
	| QIDENT			{ $$ = ast_new_name(pc, @1); }
	| clause_keyword		{ $$ = ast_new_name(pc, @1); }
	| sql_keyword			{ $$ = ast_new_name(pc, @1); }
	;

/* Header words that are plain names inside blocks. */
clause_keyword:
	  MESSAGE | DEPENDS | REQUIRES | LABEL | CREATED | TRANSACTIONAL
	| STATEMENT_TIMEOUT
	;

/*
 * Keywords that may still be names.  The rest (check, column,
 * concurrently, constraint, current_*, default, down, false, foreign, not, null, on,
 * primary, references, revision, to, true, unique, up) are reserved:
 * quote them to use them as names.
 */
sql_keyword:
	  ACTION | ADD | AFTER | ALTER | AS | ASC | AUTOINCREMENT | BEFORE
	| BY | CACHE | CASCADE | CHARACTER | COMMENT | CREATE | CYCLE | DATA
	| DEFERRABLE | DEFERRED | DELETE | DESC | DOUBLE | DROP | ENUM | EXISTS
	| FROM | IF | IMMEDIATE | INCREMENT | INDEX | INITIALLY | INSERT
	| MAXVALUE | MINVALUE | NEW_UUID | NEXTVAL | NOW_PRECISE | INTO | IS
	| KEY | NO | PRECISION | RENAME | RESTART | RESTRICT | SEQUENCE | SET
	| SQL | START | TABLE
	| TIME | TIMESTAMP | TYPE | UPDATE | USING | VALUE | VALUES | VARYING | WHERE
	| WITH | WITHOUT | ZONE
	;

/* SQL between balanced parentheses, kept as written. */
paren_expr:
	  '(' expr_body ')'		{ $$ = ast_expr_close(pc, $2, @1, @2, @3); }
	;

expr_body:
	  %empty			{ $$ = ast_new_expr(pc); }
	| expr_body expr_token		{ $$ = $1; }
	| expr_body IDENT		{ $$ = ast_expr_add_ident(pc, $1, @2); }
	| expr_body QIDENT		{ $$ = ast_expr_add_qident(pc, $1, @2); }
	| expr_body '(' expr_body ')'	{ $$ = ast_expr_nest($1, $3); }
	;

expr_token:
	  STRING | NUMBER | DIGITWORD | RAW | OP | ',' | '.' | '-' | '[' | ']'
	| clause_keyword | sql_keyword
	| CHECK | COLUMN | CONCURRENTLY | CONSTRAINT | CURRENT_DATE | CURRENT_TIME
	| CURRENT_TIMESTAMP | DEFAULT | DOWN | FALSE | FOREIGN | NOT | NULL
	| ON | PRIMARY | REFERENCES | REVISION | TO | TRUE | UNIQUE | UP
	;

%%

static void rt_yyerror(RT_YYLTYPE *loc, yyscan_t scanner,
		       struct parse_ctx *pc, const char *msg)
{
	(void)scanner;
	parse_error(pc, *loc, msg);
}

static int yyreport_syntax_error(const yypcontext_t *yyctx, yyscan_t scanner,
				 struct parse_ctx *pc)
{
	yysymbol_kind_t expected[PARSE_MAX_LOOKAHEAD];
	const char *names[PARSE_MAX_LOOKAHEAD];
	int n = yypcontext_expected_tokens(yyctx, expected, PARSE_MAX_LOOKAHEAD);
	int i;

	(void)scanner;
	if (n < 0)
		return n;
	for (i = 0; i < n; i++)
		names[i] = yysymbol_name(expected[i]);
	parse_syntax_error(pc, *yypcontext_location(yyctx),
			   yysymbol_name(yypcontext_token(yyctx)), names,
			   (size_t)n);
	return 0;
}
