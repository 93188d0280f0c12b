/*
 * alembic_py.c: an Alembic revision script read as a revision (the
 * front end's structures, as parse.c makes them for a .mig file): the
 * module-level assignments Alembic reads and the docstring, checked by
 * resolve_file like any revision.
 */
#include "alembic_py.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "intern.h"
#include "project.h"
#include "pysrc.h"
#include "resolve.h"
#include "rt.h"
#include "util.h"

bool alembic_py_wanted(const char *name)
{
	size_t n = strlen(name);

	return n > 3 && strcmp(name + n - 3, ".py") == 0 &&
	       strncmp(name, "__init__", 8) != 0;
}

/* What Alembic reads from the module, in this order. */
enum var { VAR_REVISION, VAR_DOWN, VAR_LABELS, VAR_DEPENDS, NVARS };

static const char *const var_names[NVARS] = {
	"revision", "down_revision", "branch_labels", "depends_on",
};

static struct ast_node *node_new(struct rt_ctx *ctx, enum ast_kind kind,
				 struct src_span span)
{
	struct ast_node *n = arena_alloc(&ctx->arena, sizeof(*n));

	n->kind = kind;
	n->span = span;
	return n;
}

static struct ast_node *word_new(struct rt_ctx *ctx, const struct py_node *s)
{
	struct ast_node *w = node_new(ctx, AST_WORD, s->span);

	w->u.word.text = intern(&ctx->names, &ctx->arena, s->text, s->len);
	return w;
}

static struct ast_node *clause_new(struct rt_ctx *ctx, struct src_span span,
				   enum clause_kind kind)
{
	struct ast_node *c = node_new(ctx, AST_CLAUSE, span);

	c->u.clause.kind = kind;
	return c;
}

/* Say why a string cannot be a revision id or label. */
static bool text_or_error(struct rt_ctx *ctx, const struct py_node *n,
			  const char *var)
{
	if (pysrc_is_text(n) && !memchr(n->text, '\0', n->len))
		return true;
	if (n->kind == PYN_STRING && n->bad)
		diag_error(ctx, n->span, "%s: cannot read this string: it "
			   "holds %s", var, n->bad);
	else
		diag_error(ctx, n->span, "%s must be %s (retort reads the "
			   "script without running Python)", var,
			   strcmp(var, "revision") == 0 ? "a string" :
			   "None, a string, or a tuple or list of strings");
	return false;
}

/*
 * The value of var as a list of words into clause c (None and an empty
 * tuple add none).  Returns false after an error.
 */
static bool read_words(struct rt_ctx *ctx, const struct py_node *v,
		       const char *var, struct ast_node *c)
{
	const struct py_node *i;
	bool ok = true;

	if (v->kind == PYN_CONST && strcmp(v->text, "None") == 0)
		return true;
	if (v->kind == PYN_TUPLE || v->kind == PYN_LIST) {
		for (i = v->items; i; i = i->next) {
			if (text_or_error(ctx, i, var))
				ast_list_append(&c->u.clause.words,
						word_new(ctx, i));
			else
				ok = false;
		}
		return ok;
	}
	if (!text_or_error(ctx, v, var))
		return false;
	ast_list_append(&c->u.clause.words, word_new(ctx, v));
	return true;
}

/* The module-level assignments Alembic reads, each once. */
static bool find_vars(struct rt_ctx *ctx, const struct py_module *m,
		      const struct py_stmt **at)
{
	const struct py_stmt *s;
	bool ok = true;
	size_t k;

	for (s = m->stmts; s; s = s->next) {
		for (k = 0; s->kind == PYS_ASSIGN && k < NVARS; k++) {
			if (strcmp(s->name, var_names[k]) != 0)
				continue;
			if (at[k]) {
				diag_error(ctx, s->head, "%s is assigned twice",
					   var_names[k]);
				diag_note(ctx, at[k]->head, "first assigned here");
				ok = false;
			}
			at[k] = s;
		}
	}
	if (!at[VAR_REVISION]) {
		struct src_span top = { m->file, 0, 0 };

		diag_error(ctx, top, "no revision id: an Alembic script assigns "
			   "it at module level (revision = '...')");
		ok = false;
	} else if (!at[VAR_DOWN]) {
		diag_error(ctx, at[VAR_REVISION]->head, "no down_revision: an "
			   "Alembic script assigns it at module level (None "
			   "for a first revision)");
		ok = false;
	}
	return ok;
}

/* The message: the docstring as Alembic's longdoc has it (stripped). */
static bool add_message(struct rt_ctx *ctx, const struct py_module *m,
			struct ast_revision *rev, const char **doc)
{
	const struct py_node *d = pysrc_docstring(m);
	struct ast_node *c, *lit;
	const char *s;
	size_t n;

	*doc = NULL;
	if (!d)
		return true;
	if (d->bad || memchr(d->text, '\0', d->len)) {
		diag_error(ctx, d->span, "cannot read the docstring: it holds "
			   "%s", d->bad ? d->bad : "a NUL character");
		return false;
	}
	s = pysrc_strip(d->text, d->len, &n);
	*doc = arena_strndup(&ctx->arena, s, n);
	c = clause_new(ctx, d->span, CLAUSE_MESSAGE);
	lit = node_new(ctx, AST_LITERAL, d->span);
	lit->u.lit.kind = LIT_STRING;
	lit->u.lit.text = *doc;
	c->u.clause.value = lit;
	ast_list_append(&rev->clauses, c);
	return true;
}

static const enum clause_kind var_clause[NVARS] = {
	CLAUSE_MESSAGE, CLAUSE_DEPENDS, CLAUSE_LABEL, CLAUSE_REQUIRES,
};

/* down_revision, branch_labels and depends_on as clauses. */
static bool add_lists(struct rt_ctx *ctx, const struct py_stmt **at,
		      struct ast_revision *rev)
{
	bool ok = true;
	size_t k;

	for (k = VAR_DOWN; k < NVARS; k++) {
		struct ast_node *c;

		if (!at[k])
			continue;
		c = clause_new(ctx, at[k]->head, var_clause[k]);
		ok &= read_words(ctx, at[k]->value, var_names[k], c);
		if (c->u.clause.words.n)
			ast_list_append(&rev->clauses, c);
	}
	return ok;
}

const struct py_stmt *alembic_py_function(const struct py_module *m,
					  const char *name)
{
	const struct py_stmt *s;

	for (s = m->stmts; s; s = s->next) {
		if (s->kind == PYS_DEF && strcmp(s->name, name) == 0)
			return s;
	}
	return NULL;
}

/* Empty up and down blocks, at upgrade() and downgrade() where they are. */
static void add_blocks(struct rt_ctx *ctx, const struct py_module *m,
		       struct ast_revision *rev)
{
	static const char *const fn[] = { "upgrade", "downgrade" };
	size_t k;

	for (k = 0; k < 2; k++) {
		const struct py_stmt *s = alembic_py_function(m, fn[k]);
		struct ast_node *b = node_new(ctx, AST_BLOCK, s ? s->head :
					      rev->span);

		b->u.block.down = k == 1;
		ast_list_append(&rev->blocks, b);
	}
}

int alembic_py_revision(struct rt_ctx *ctx, const struct py_module *m,
			struct ast_file **out)
{
	const struct py_stmt *at[NVARS] = { NULL, NULL, NULL, NULL };
	struct ast_file *f = arena_alloc(&ctx->arena, sizeof(*f));
	unsigned before = ctx->diags.errors;
	struct ast_revision *rev;
	const char *doc = NULL;
	char created[20];
	bool ok;

	f->file = m->file;
	f->syntax_errors = m->errors;
	*out = f;
	/* After a lexical error the statements are guesses: say no more. */
	if (m->errors)
		return (int)m->errors;
	ctx->stage = "revision";
	ok = find_vars(ctx, m, at) &&
	     text_or_error(ctx, at[VAR_REVISION]->value, "revision");
	if (!ok) {
		ctx->stage = NULL;
		return (int)(ctx->diags.errors - before);
	}
	rev = arena_alloc(&ctx->arena, sizeof(*rev));
	rev->span = at[VAR_REVISION]->span;
	rev->id = word_new(ctx, at[VAR_REVISION]->value);
	rev->alembic = true;
	rev->transactional = true;
	ok = add_message(ctx, m, rev, &doc);
	ok &= add_lists(ctx, at, rev);
	add_blocks(ctx, m, rev);
	f->revs = f->last = rev;
	f->nrevs = 1;
	/* The words that could be read are checked even when others
	 * could not: every error in one run. */
	ok &= resolve_file(ctx, f) == 0;
	if (ok && doc && alembic_py_create_date(doc, created))
		rev->created = arena_strndup(&ctx->arena, created, 19);
	ctx->stage = NULL;
	return (int)(ctx->diags.errors - before);
}

int alembic_py_load(struct rt_ctx *ctx, uint32_t file, struct ast_file **out)
{
	struct py_module *m;

	ctx->stage = "syntax";
	m = pysrc_read(ctx, file);
	ctx->stage = NULL;
	return alembic_py_revision(ctx, m, out);
}

bool alembic_py_refuse(struct rt_ctx *ctx, const struct project *p,
		       const char *cmd)
{
	static const char *const graph_only[] = {
		"branches", "check", "graph", "heads", "history", "show",
	};
	size_t i;

	if (!p->alembic)
		return false;
	for (i = 0; i < ARRAY_SIZE(graph_only); i++) {
		if (strcmp(cmd, graph_only[i]) == 0)
			return false;
	}
	diag_error(ctx, src_span_none(), "%s holds Alembic scripts, which "
		   "retort reads for their graph only: `retort %s` needs "
		   ".mig revisions", p->versions, cmd);
	diag_note(ctx, src_span_none(), "`retort import alembic %s` writes "
		  "them into a retort project", p->versions);
	return true;
}

/* ------------------------------------------------------------------ */
/* Create Date */

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, long *m, long *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* n digits at p as a number, or -1. */
static long digits(const char *p, size_t n)
{
	long v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!ascii_isdigit((unsigned char)p[i]))
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

/* "+HH:MM", "-HHMM", "Z" or nothing at p: minutes east of UTC. */
static bool utc_offset(const char *p, long *minutes)
{
	long h, m;

	*minutes = 0;
	if (*p == '\0' || *p == '\n' || strncmp(p, "Z", 1) == 0 ||
	    strncmp(p, " UTC", 4) == 0)
		return true;
	if (*p != '+' && *p != '-')
		return false;
	/* digits stops at a NUL: p[3] is read only after two digits. */
	h = digits(p + 1, 2);
	if (h < 0)
		return false;
	m = digits(p + (p[3] == ':' ? 4 : 3), 2);
	if (m < 0 || h > 23 || m > 59)
		return false;
	*minutes = (*p == '-' ? -1 : 1) * (h * 60 + m);
	return true;
}

static bool valid_date(long y, long mo, long d, long h, long mi, long s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
				     30, 31 };
	bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);

	return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= mdays[mo - 1] &&
	       (mo != 2 || d < 29 || leap) && h >= 0 && h <= 23 &&
	       mi >= 0 && mi <= 59 && s >= 0 && s <= 59;
}

bool alembic_py_create_date(const char *doc, char *buf)
{
	const char *p = doc, *q;
	long y, mo, d, h, mi, s, off, t;

	for (; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "Create Date:", 12) == 0)
			break;
	}
	if (!p)
		return false;
	for (p += 12; *p == ' ' || *p == '\t'; p++)
		;
	if (strlen(p) < 19 || p[4] != '-' || p[7] != '-' ||
	    (p[10] != ' ' && p[10] != 'T') || p[13] != ':' || p[16] != ':')
		return false;
	y = digits(p, 4);
	mo = digits(p + 5, 2);
	d = digits(p + 8, 2);
	h = digits(p + 11, 2);
	mi = digits(p + 14, 2);
	s = digits(p + 17, 2);
	if (!valid_date(y, mo, d, h, mi, s))
		return false;
	q = p + 19;
	if (*q == '.')
		for (q++; ascii_isdigit((unsigned char)*q); q++)
			;
	if (!utc_offset(q, &off))
		return false;
	t = (days_from_civil(y, mo, d) * 24 + h) * 60 + mi - off;
	civil_from_days(t / 1440 - (t % 1440 < 0), &y, &mo, &d);
	t = (t % 1440 + 1440) % 1440;
	if (y < 1 || y > 9999)
		return false;
	snprintf(buf, 20, "%04d-%02d-%02d %02d:%02d:%02d", (int)y, (int)mo,
		 (int)d, (int)(t / 60), (int)(t % 60), (int)s);
	return true;
}
