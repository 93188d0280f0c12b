/*
 * revfmt.h: one revision as Alembic 1.8 prints it in `heads`, `branches`,
 * `history` and `show` (its Script._head_only line and Script.log_entry
 * block), for the inspection commands (cmd_heads.c and the others).
 */
#ifndef RT_REVFMT_H
#define RT_REVFMT_H

#include <stddef.h>

struct rt_ctx;
struct strbuf;
struct rev;

/* What revfmt_line adds around the id (Alembic's cmd_format flags). */
enum {
	REVFMT_PARENTS = 1u << 0,	/* "<base> -> ", "P1, P2 (R1) -> " */
	REVFMT_LABELS = 1u << 1,	/* " (label, ...)": the branch's labels */
	REVFMT_TREE = 1u << 2,		/* " (branchpoint)", " (mergepoint)" */
	REVFMT_DOC = 1u << 3,		/* ", SUBJECT" (", " if empty) */
};

/*
 * Append r's one-line form, without a newline: [PARENTS] id [(labels)]
 * [(head) | (effective head)] [(branchpoint)] [(mergepoint)] [, subject].
 * The head marks are always shown.  Requires are shown as written (a
 * label stays a label), as Alembic shows depends_on.
 */
void revfmt_line(struct strbuf *sb, const struct rev *r, unsigned flags);

/*
 * Append r's block (Alembic's log_entry), each line ending in a newline:
 * Rev, Parent or Merges, Also depends on, Branches into, Branch names and
 * Path lines, a blank line, then the "docstring" indented by four spaces:
 * the message's lines, a line of four spaces, "Revision ID: ID",
 * "Revises: P1, P2" ("Revises:" for a root) and "Create Date: CREATED"
 * (left out when the revision has no created): the docstring of
 * `alembic revision -m MESSAGE`.  Without a message there is no
 * docstring, as in a script that has none.  An effective head is marked
 * "(effective head)" where Alembic's block says "(head)" (CLI.md "Heads").
 * Path is the .mig file as diagnostics name it (relative to the project
 * root).
 */
void revfmt_entry(struct strbuf *sb, struct rt_ctx *ctx, const struct rev *r);

/*
 * Append the subject of message (NULL: nothing): its first line, as
 * LANGUAGE.md says, without leading and trailing white space.  (Alembic's
 * Script.doc is the docstring's first paragraph, newlines and all.)
 */
void revfmt_subject(struct strbuf *sb, const char *message);

/*
 * A copy of v[0..n) (a rev's children or requirers, say) in upgrade
 * order.  Returns n; *out is in the context's arena.
 */
size_t revfmt_sorted(struct rt_ctx *ctx, struct rev *const *v, size_t n,
		     struct rev ***out);

/* Append the ids of v[0..n) separated by ", ". */
void revfmt_ids(struct strbuf *sb, struct rev *const *v, size_t n);

/* The path of the .mig file that defines r (owned by the context). */
const char *revfmt_path(const struct rt_ctx *ctx, const struct rev *r);

/*
 * After a file name's id, '_' and LANGUAGE.md's slug of a message: its
 * first line (that is not blank, as revfmt_subject takes it) in lower
 * case, each run of characters other than [a-z0-9] one '_' (none at
 * either end), cut at 40 characters.  Appends nothing at all for a
 * message (or NULL) without an ASCII letter or digit.
 */
void revfmt_add_slug(struct strbuf *out, const char *msg);

#endif
