/*
 * revfmt.c: a revision in Alembic's words, for heads, branches, history
 * and show: the one-line form and the Rev/Parent/Path block.
 */
#include "revfmt.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ast.h"
#include "graph.h"
#include "rt.h"
#include "strbuf.h"
#include "util.h"

const char *revfmt_path(const struct rt_ctx *ctx, const struct rev *r)
{
	return src_get(ctx, r->ast->id->span.file)->path;
}

void revfmt_ids(struct strbuf *sb, struct rev *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		strbuf_addf(sb, "%s%s", i ? ", " : "", v[i]->id);
}

/* The requires clause's words as written. */
static void add_requires(struct strbuf *sb, const struct rev *r)
{
	uint32_t i;

	for (i = r->nparents; i < r->ndeps; i++)
		strbuf_addf(sb, "%s%s", i > r->nparents ? ", " : "",
			    r->word[i]->u.word.text);
}

static void add_labels(struct strbuf *sb, const struct rev *r)
{
	uint32_t i;

	for (i = 0; i < r->nbranch; i++)
		strbuf_addf(sb, "%s%s", i ? ", " : "", r->branch[i]);
}

static void add_parents(struct strbuf *sb, const struct rev *r)
{
	if (r->nparents == 0)
		strbuf_addstr(sb, "<base>");
	else
		revfmt_ids(sb, r->deps, r->nparents);
}

static const char *head_mark(const struct rev *r)
{
	if (!r->head)
		return "";
	return r->effective_head ? " (effective head)" : " (head)";
}

/* An Alembic script's doc: its docstring's first paragraph (up to the
 * first "\n\n"), its line ends kept, as Alembic prints it. */
static void add_paragraph(struct strbuf *sb, const char *doc)
{
	const char *end = doc ? strstr(doc, "\n\n") : NULL;
	size_t n = doc ? (end ? (size_t)(end - doc) : strlen(doc)) : 0, i, k;

	for (i = 0; i < n; i += k) {
		k = doc[i] == '\n' ? 0 : terminal_control_len(doc + i, n - i);
		strbuf_addch(sb, k ? ' ' : doc[i]);
		k = k ? k : 1;
	}
}

void revfmt_line(struct strbuf *sb, const struct rev *r, unsigned flags)
{
	if (flags & REVFMT_PARENTS) {
		add_parents(sb, r);
		if (r->ndeps > r->nparents) {
			strbuf_addstr(sb, " (");
			add_requires(sb, r);
			strbuf_addch(sb, ')');
		}
		strbuf_addstr(sb, " -> ");
	}
	strbuf_addstr(sb, r->id);
	if ((flags & REVFMT_LABELS) && r->nbranch) {
		strbuf_addstr(sb, " (");
		add_labels(sb, r);
		strbuf_addch(sb, ')');
	}
	strbuf_addstr(sb, head_mark(r));
	if ((flags & REVFMT_TREE) && r->nchildren > 1)
		strbuf_addstr(sb, " (branchpoint)");
	if ((flags & REVFMT_TREE) && r->nparents > 1)
		strbuf_addstr(sb, " (mergepoint)");
	/* Alembic's ", %s" % doc: a revision without a message is a
	 * script without a docstring, and ends in ", ". */
	if (flags & REVFMT_DOC) {
		strbuf_addstr(sb, ", ");
		if (r->ast->alembic)
			add_paragraph(sb, r->ast->message);
		else
			revfmt_subject(sb, r->ast->message);
	}
}

/* The message without its leading and trailing white space. */
static const char *trim(const char *s, size_t *len)
{
	size_t n = strlen(s);

	while (n && ascii_isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && ascii_isspace((unsigned char)s[n - 1]))
		n--;
	*len = n;
	return s;
}

/* A message's text, for a terminal: a control character (an escape
 * sequence's ESC, a carriage return, a C1 CSI) becomes a space, so a
 * message cannot rewrite what is on the screen. */
static void add_printable(struct strbuf *sb, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		size_t k = terminal_control_len(s + i, len - i);

		strbuf_addch(sb, k ? ' ' : (char)c);
		i += k ? k - 1 : 0;
	}
}

void revfmt_subject(struct strbuf *sb, const char *message)
{
	size_t n, len;
	const char *s;

	if (!message)
		return;
	s = trim(message, &n);
	len = strcspn(s, "\n");
	if (len > n)
		len = n;
	while (len && ascii_isspace((unsigned char)s[len - 1]))
		len--;
	add_printable(sb, s, len);
}

/* Each line of the message, indented by four spaces ("\r\n" counts as a
 * line end), as Alembic indents its docstring. */
static void add_doc_lines(struct strbuf *sb, const char *message)
{
	size_t n, i = 0;
	const char *s = trim(message, &n);

	while (i < n) {
		size_t len = strcspn(s + i, "\n");

		if (len > n - i)
			len = n - i;
		strbuf_addstr(sb, "    ");
		add_printable(sb, s + i, len && s[i + len - 1] == '\r' ? len - 1
									: len);
		strbuf_addch(sb, '\n');
		i += len + 1;
	}
}

/* The docstring `alembic revision -m MESSAGE` writes; none without a
 * message (a script without a docstring shows an empty one). */
/* An Alembic script's docstring, each of its lines (Python's
 * splitlines) indented by four spaces. */
static void add_script_doc(struct strbuf *sb, const char *doc)
{
	size_t i = 0, n = doc ? strlen(doc) : 0;

	while (i < n) {
		size_t len = strcspn(doc + i, "\n\r\v\f\x1c\x1d\x1e");

		strbuf_addstr(sb, "    ");
		add_printable(sb, doc + i, len);
		strbuf_addch(sb, '\n');
		i += len;
		i += doc[i] == '\r' && doc[i + 1] == '\n' ? 2 : 1;
	}
}

static void add_docstring(struct strbuf *sb, const struct rev *r)
{
	const char *m = r->ast->message;
	size_t n = 0;

	if (r->ast->alembic) {
		add_script_doc(sb, m);
		return;
	}
	if (m)
		trim(m, &n);
	if (n == 0)
		return;
	add_doc_lines(sb, m);
	strbuf_addstr(sb, "    \n");
	strbuf_addf(sb, "    Revision ID: %s\n", r->id);
	strbuf_addstr(sb, "    Revises:");
	if (r->nparents) {
		strbuf_addch(sb, ' ');
		revfmt_ids(sb, r->deps, r->nparents);
	}
	strbuf_addch(sb, '\n');
	if (r->ast->created)
		strbuf_addf(sb, "    Create Date: %s\n", r->ast->created);
}

void revfmt_entry(struct strbuf *sb, struct rt_ctx *ctx, const struct rev *r)
{
	strbuf_addf(sb, "Rev: %s", r->id);
	strbuf_addstr(sb, head_mark(r));
	if (r->nchildren > 1)
		strbuf_addstr(sb, " (branchpoint)");
	if (r->nparents > 1)
		strbuf_addstr(sb, " (mergepoint)");
	strbuf_addstr(sb, r->nparents > 1 ? "\nMerges: " : "\nParent: ");
	add_parents(sb, r);
	strbuf_addch(sb, '\n');
	if (r->ndeps > r->nparents) {
		strbuf_addstr(sb, "Also depends on: ");
		add_requires(sb, r);
		strbuf_addch(sb, '\n');
	}
	if (r->nchildren > 1) {
		struct rev **kids;
		size_t nk = revfmt_sorted(ctx, r->children, r->nchildren,
					  &kids);

		strbuf_addstr(sb, "Branches into: ");
		revfmt_ids(sb, kids, nk);
		strbuf_addch(sb, '\n');
	}
	if (r->nbranch) {
		strbuf_addstr(sb, "Branch names: ");
		add_labels(sb, r);
		strbuf_addch(sb, '\n');
	}
	strbuf_addf(sb, "Path: %s\n\n", revfmt_path(ctx, r));
	add_docstring(sb, r);
}

static int by_order(const void *a, const void *b)
{
	const struct rev *x = *(struct rev *const *)a;
	const struct rev *y = *(struct rev *const *)b;

	return x->order < y->order ? -1 : x->order > y->order;
}

size_t revfmt_sorted(struct rt_ctx *ctx, struct rev *const *v, size_t n,
		     struct rev ***out)
{
	*out = arena_alloc(&ctx->arena, (n ? n : 1) * sizeof(**out));
	if (n) {
		memcpy(*out, v, n * sizeof(**out));
		qsort(*out, n, sizeof(**out), by_order);
	}
	return n;
}

void revfmt_add_slug(struct strbuf *out, const char *msg)
{
	size_t n = 0;
	bool gap = false;

	/* The subject line: the first that is not blank. */
	while (msg && ascii_isspace((unsigned char)*msg))
		msg++;
	for (; msg && *msg && *msg != '\n' && n < 40; msg++) {
		int c = ascii_tolower((unsigned char)*msg);

		if (ascii_isdigit(c) || ascii_islower(c)) {
			if (gap && n) {
				strbuf_addch(out, '_');
				n++;
			}
			gap = false;
			if (n == 0)
				strbuf_addch(out, '_');	/* after the id */
			if (n < 40) {
				strbuf_addch(out, (char)c);
				n++;
			}
		} else {
			gap = true;
		}
	}
	/* Cut right after a gap. */
	if (n && out->buf[out->len - 1] == '_')
		out->buf[--out->len] = '\0';
}
