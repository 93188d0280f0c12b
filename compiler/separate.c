/*
 * separate.c: branches kept apart on purpose (retort.ini's heads): the
 * graph's heads grouped by them, for the multiple-heads warning, the
 * hint of `revision` and the default parents of `merge`.
 */
#include "separate.h"

#include <string.h>

#include "arena.h"
#include "ast.h"
#include "config.h"
#include "diag.h"
#include "graph.h"
#include "intern.h"
#include "resolve.h"
#include "rt.h"
#include "strbuf.h"
#include "util.h"

/* A copy of v (n elements of size sz) with room for one more. */
static void *grow_by_one(struct arena *a, const void *v, size_t n, size_t sz)
{
	void *p = arena_alloc(a, (n + 1) * sz);

	if (n)
		memcpy(p, v, n * sz);
	return p;
}

const char *separate_add(struct rt_ctx *ctx, struct config *cfg,
			 const char *item, struct src_span at)
{
	struct arena *a = &ctx->arena;
	const char *sign = strchr(item, '@'), *label;
	enum word_problem wp;
	size_t i;

	if (!sign || strcmp(sign, "@head") != 0)
		return arena_printf(a, "heads lists branches as LABEL@head, "
				    "not \"%s\"", item);
	label = arena_strndup(a, item, (size_t)(sign - item));
	wp = resolve_word_problem(label);
	if (wp != WORD_OK)
		return resolve_word_message(ctx, wp, label, "label");
	label = intern(&ctx->names, a, label, strlen(label));
	for (i = 0; i < cfg->nseparate; i++) {
		if (cfg->separate[i] == label)
			return arena_printf(a, "branch \"%s\" is listed twice",
					    label);
	}
	cfg->separate = grow_by_one(a, cfg->separate, cfg->nseparate,
				    sizeof(*cfg->separate));
	cfg->separate_at = grow_by_one(a, cfg->separate_at, cfg->nseparate,
				       sizeof(*cfg->separate_at));
	cfg->separate[cfg->nseparate] = label;
	cfg->separate_at[cfg->nseparate++] = at;
	return NULL;
}

size_t separate_count(const struct rt_ctx *ctx)
{
	return ctx->cfg ? ctx->cfg->nseparate : 0;
}

/* Is r on any branch kept apart? */
static bool kept_apart(const struct rt_ctx *ctx, const struct rev *r)
{
	size_t i;

	for (i = 0; i < separate_count(ctx); i++) {
		if (graph_on_branch(r, ctx->cfg->separate[i]))
			return true;
	}
	return false;
}

/*
 * The heads of group k into out (room for g->nheads): k < the number of
 * branches kept apart is that branch, k == it the heads on none of
 * them.  Returns how many.
 */
static size_t group_heads(const struct rt_ctx *ctx, const struct graph *g,
			  size_t k, struct rev **out)
{
	size_t i, n = 0;

	for (i = 0; i < g->nheads; i++) {
		const struct rev *h = g->heads[i];
		bool in = k < separate_count(ctx) ?
			  graph_on_branch(h, ctx->cfg->separate[k]) :
			  !kept_apart(ctx, h);

		if (in)
			out[n++] = g->heads[i];
	}
	return n;
}

static void note_heads(struct rt_ctx *ctx, struct rev *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		diag_note(ctx, v[i]->ast->id->span, "head \"%s\"", v[i]->id);
}

/* A label no revision carries: say so, with the closest one there is. */
static void unknown_label(struct rt_ctx *ctx, const struct graph *g, size_t k)
{
	const char *label = ctx->cfg->separate[k];
	struct suggest sg;
	const struct ast_node *w;
	size_t i;

	suggest_init(&sg, label);
	for (i = 0; i < g->n; i++) {
		const struct ast_node *c = g->revs[i]->ast->labels;

		for (w = c ? c->u.clause.words.head : NULL; w; w = w->next)
			suggest_add(&sg, w->u.word.text, w);
	}
	diag_warning(ctx, ctx->cfg->separate_at[k], "no revision carries the "
		     "label \"%s\"", label);
	w = suggest_item(&sg);
	if (w)
		diag_note(ctx, w->span, "did you mean \"%s\"?", w->u.word.text);
}

bool separate_check_heads(struct rt_ctx *ctx, struct graph *g)
{
	const struct config *cfg = ctx->cfg;
	size_t nsep = separate_count(ctx), k, n;
	struct rev **v;

	if (nsep == 0)
		return false;
	v = arena_alloc(&ctx->arena, (g->nheads + 1) * sizeof(*v));
	for (k = 0; k < nsep; k++) {
		if (!graph_label(g, ctx, cfg->separate[k])) {
			unknown_label(ctx, g, k);
			continue;
		}
		n = group_heads(ctx, g, k, v);
		if (n < 2)
			continue;
		diag_warning(ctx, cfg->separate_at[k], "branch \"%s\" has %zu "
			     "heads; a merge revision joins them",
			     cfg->separate[k], n);
		note_heads(ctx, v, n);
	}
	n = group_heads(ctx, g, nsep, v);
	if (n && g->nheads > 1) {
		diag_warning(ctx, src_span_none(), "the project has %zu heads, "
			     "%zu of them on no branch that %s keeps apart; "
			     "a merge revision joins them", g->nheads, n,
			     cfg->path ? cfg->path : CONFIG_FILE);
		note_heads(ctx, v, n);
	}
	return true;
}

void separate_head_hint(const struct rt_ctx *ctx, struct strbuf *sb)
{
	size_t i, n = separate_count(ctx);

	for (i = 0; i < n; i++)
		strbuf_addf(sb, "%s%s@head", i == 0 ? " (" :
			    i + 1 == n ? " or " : ", ", ctx->cfg->separate[i]);
	if (n)
		strbuf_addch(sb, ')');
}

size_t separate_merge_heads(struct rt_ctx *ctx, struct graph *g,
			    struct rev **out, const char **why)
{
	size_t nsep = separate_count(ctx), k, n, found = 0, groups = 0;
	struct rev **v = arena_alloc(&ctx->arena,
				     (g->nheads + 1) * sizeof(*v));

	for (k = 0; k <= nsep; k++) {
		n = group_heads(ctx, g, k, v);
		if (n < 2)
			continue;
		groups++;
		found = n;
		memcpy(out, v, n * sizeof(*v));
	}
	if (groups == 1)
		return found;
	*why = groups ? "more than one branch has several heads; name the "
		        "revisions to merge" :
		arena_printf(&ctx->arena, "the heads are on branches %s keeps "
			     "apart; name the revisions to merge them anyway",
			     ctx->cfg->path ? ctx->cfg->path : CONFIG_FILE);
	return 0;
}
