/*
 * parse.c: drives the scanner and the parser over one file.  rt_yylex sits
 * between them: it turns INVALID tokens into diagnostics, tracks open
 * brackets for "to match this" notes, and stops the parse at the error cap.
 */
#include "parse.h"

#include <string.h>

#include "ast.h"
#include "diag.h"
#include "parser.h"
#include "rt.h"
#include "strbuf.h"
#include "util.h"

#define YYSTYPE RT_YYSTYPE
#define YYLTYPE RT_YYLTYPE
#include "lexer.h"

static void track_bracket(struct parse_ctx *pc, int tok, uint32_t at)
{
	char want;

	if (tok == '(' || tok == '{') {
		if (pc->nopen < PARSE_MAX_NEST) {
			pc->open_at[pc->nopen] = at;
			pc->open_ch[pc->nopen] = (char)tok;
		}
		pc->nopen++;
		return;
	}
	if (tok != ')' && tok != '}')
		return;
	want = tok == ')' ? '(' : '{';
	if (pc->nopen == 0)
		return;
	if (pc->nopen > PARSE_MAX_NEST || pc->open_ch[pc->nopen - 1] == want)
		pc->nopen--;
}

int rt_yylex(RT_YYSTYPE *lval, RT_YYLTYPE *lloc, yyscan_t scanner)
{
	struct lex_state *ls = rt_yyget_extra(scanner);
	struct parse_ctx *pc = ls->pc;

	for (;;) {
		int tok;

		if (pc->stop || diag_full(pc->ctx)) {
			pc->stop = true;
			lloc->file = pc->file;
			lloc->start = lloc->end = pc->last_end;
			return TOK_END;
		}
		tok = lex_scan(lval, lloc, scanner);
		if (tok == TOK_INVALID) {
			diag_error(pc->ctx, *lloc, "%s", ls->error);
			continue;
		}
		if (tok == TOK_END) {
			/* Point just past the last token, not at a blank line. */
			lloc->file = pc->file;
			lloc->start = lloc->end = pc->last_end;
			pc->at_end = true;
			return tok;
		}
		pc->last_end = lloc->end;
		track_bracket(pc, tok, lloc->start);
		return tok;
	}
}

struct src_span parse_start_span(const struct parse_ctx *pc)
{
	struct src_span s = { pc->file, 0, 0 };

	return s;
}

void parse_error(struct parse_ctx *pc, struct src_span span, const char *msg)
{
	/* Bison's only other message: its stack is full. */
	if (strcmp(msg, "memory exhausted") == 0)
		msg = "input is nested too deeply";
	diag_error(pc->ctx, span, "%s", msg);
}

/* When a closing bracket was expected, point at the one it would close. */
static void note_open_bracket(struct parse_ctx *pc, struct src_span span,
			      const char *const *expected, size_t n)
{
	size_t i;
	unsigned top;

	if (pc->nopen == 0 || pc->nopen > PARSE_MAX_NEST)
		return;
	top = pc->nopen - 1;
	/* The lookahead is tracked already: skip it if it is the opener. */
	if (pc->open_at[top] == span.start && span.end > span.start) {
		if (top == 0)
			return;
		top--;
	}
	for (i = 0; i < n; i++) {
		bool paren = strcmp(expected[i], "')'") == 0;
		bool brace = strcmp(expected[i], "'}'") == 0;

		if ((paren && pc->open_ch[top] == '(') ||
		    (brace && pc->open_ch[top] == '{')) {
			struct src_span at = { pc->file, pc->open_at[top],
					       pc->open_at[top] + 1 };

			diag_note(pc->ctx, at, "to match this '%c'",
				  pc->open_ch[top]);
			return;
		}
	}
}

static bool has_token(const char *const *expected, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(expected[i], name) == 0)
			return true;
	}
	return false;
}

/*
 * Too many expected tokens to list: say what kinds of thing may come
 * ("a statement", "a name") and the closers, which are the likely fix.
 */
static void describe_expected(struct strbuf *sb, const char *const *expected,
			      size_t n)
{
	static const char *const closers[] = { "';'", "')'", "'}'" };
	const char *parts[8];
	size_t np = 0, i;

	/* Where a name may stand, keywords may too: they are names then.
	 * Inside an expression almost anything goes: name the closer. */
	if (has_token(expected, n, "operator")) {
		np = 0;
	} else if (has_token(expected, n, "word starting with a digit")) {
		parts[np++] = "a revision id";
	} else if (has_token(expected, n, "identifier")) {
		parts[np++] = "a name";
		if (has_token(expected, n, "'constraint'"))
			parts[np++] = "a constraint";
		if (has_token(expected, n, "raw SQL block"))
			parts[np++] = "a raw SQL block";
	} else {
		if (has_token(expected, n, "'create'") &&
		    has_token(expected, n, "'sql'"))
			parts[np++] = "a statement";
		if (has_token(expected, n, "'message'") &&
		    has_token(expected, n, "'depends'"))
			parts[np++] = "a header clause";
		if (has_token(expected, n, "'up'"))
			parts[np++] = "'up'";
		if (has_token(expected, n, "'down'"))
			parts[np++] = "'down'";
		if (has_token(expected, n, "string literal") &&
		    has_token(expected, n, "'null'"))
			parts[np++] = "a literal";
	}
	for (i = 0; i < ARRAY_SIZE(closers); i++) {
		if (has_token(expected, n, closers[i]))
			parts[np++] = closers[i];
	}
	for (i = 0; i < np; i++)
		strbuf_addf(sb, "%s%s", i ? " or " : ", expecting ", parts[i]);
}

void parse_syntax_error(struct parse_ctx *pc, struct src_span span,
			const char *unexpected, const char *const *expected,
			size_t nexpected)
{
	struct strbuf sb;
	size_t i;

	/* An unterminated token already ran to the end; say nothing more. */
	if (pc->stop || (pc->lex.fatal && pc->at_end))
		return;
	strbuf_init(&sb);
	strbuf_addf(&sb, "syntax error, unexpected %s", unexpected);
	if (nexpected <= PARSE_MAX_EXPECTED) {
		for (i = 0; i < nexpected; i++)
			strbuf_addf(&sb, "%s%s", i ? " or " : ", expecting ",
				    expected[i]);
	} else {
		describe_expected(&sb, expected, nexpected);
	}
	diag_error(pc->ctx, span, "%s", sb.buf);
	strbuf_release(&sb);
	note_open_bracket(pc, span, expected, nexpected);
}

int parse_file(struct rt_ctx *ctx, uint32_t file, struct ast_file **out)
{
	return parse_file_in(ctx, file, &ctx->arena, out);
}

int parse_file_in(struct rt_ctx *ctx, uint32_t file, struct arena *nodes,
		  struct ast_file **out)
{
	struct parse_ctx pc;
	yyscan_t scanner;
	unsigned before = ctx->diags.errors;
	int rc;

	memset(&pc, 0, sizeof(pc));
	pc.ctx = ctx;
	pc.nodes = nodes;
	pc.file = file;
	pc.src = src_get(ctx, file);
	pc.out = arena_alloc(nodes, sizeof(*pc.out));
	pc.out->file = file;
	pc.lex.pc = &pc;
	pc.lex.data = pc.src->data;
	pc.lex.file = file;

	if (rt_yylex_init_extra(&pc.lex, &scanner) != 0)
		RT_BUG("cannot initialise the scanner");
	/* In place: the source ends in the two NUL bytes flex wants, and
	 * lex_restore undoes what flex writes into it. */
	if (!rt_yy_scan_buffer(pc.src->data, (size_t)pc.src->len + 2, scanner))
		RT_BUG("cannot set up the scan buffer");
	rc = rt_yyparse(scanner, &pc);
	lex_restore(scanner);
	rt_yylex_destroy(scanner);
	if (rc != 0 && ctx->diags.errors == before)
		RT_BUG("parse failed without a diagnostic");
	pc.out->syntax_errors = ctx->diags.errors - before;
	*out = pc.out;
	return (int)pc.out->syntax_errors;
}
