/*
 * cmd_revision.c: `retort revision` and `retort merge`: write a new,
 * empty revision file, versions/<id>_<slug>.mig, as `alembic revision`
 * and `alembic merge` write a new script.
 *
 * The parents are resolved against the graph first (the whole project
 * must load); the new file's text is then parsed and the graph built
 * again with it, so a file retort writes is always one retort reads.
 * The file is written whole under its final name or not at all, and
 * never over an existing file.
 */
#include "cmd.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "ast.h"
#include "cli.h"
#include "commute.h"
#include "config.h"
#include "diag.h"
#include "graph.h"
#include "lexsup.h"
#include "out.h"
#include "parse.h"
#include "project.h"
#include "resolve.h"
#include "revfmt.h"
#include "rt.h"
#include "separate.h"
#include "strbuf.h"
#include "target.h"
#include "util.h"

const char cmd_revision_help[] =
	"usage: retort revision -m MSG [--rev-id ID] [--head TARGET | --depends\n"
	"                       TARGET...] [--requires TARGET]... [--label NAME]\n"
	"\n"
	"Write a new revision file, VERSIONS/<id>_<slug>.mig, with a random\n"
	"12-hex id, a created time, and empty up {} and down {} blocks to fill\n"
	"in; print its path.  It depends on the current head; when there are\n"
	"several heads, retort does not guess: say which with --head or\n"
	"--depends, or merge them first (retort merge).\n"
	"\n"
	"options:\n"
	"  -m, --message MSG       what the revision does; its first line names\n"
	"                          the file and is what history shows\n"
	"      --rev-id ID         the id, instead of a random one\n"
	"      --head TARGET       the parent: a head, LABEL@head, any revision\n"
	"                          (which starts a branch there), or base (a new\n"
	"                          root)\n"
	"      --depends TARGET    a parent; give it twice or more for a merge\n"
	"      --requires TARGET   a revision, or a branch label, that must be\n"
	"                          applied first without being a parent\n"
	"                          (repeatable)\n"
	"      --label NAME        a branch label for the new revision\n";

const char cmd_merge_help[] =
	"usage: retort merge -m MSG [--rev-id ID] [--label NAME] [TARGET]...\n"
	"\n"
	"Write a merge revision whose parents are the revisions the targets\n"
	"name (default: every head), with empty up {} and down {} blocks; print\n"
	"its path.  At least two revisions are needed, none an ancestor of\n"
	"another.\n"
	"\n"
	"options:\n"
	"  -m, --message MSG       what the merge is for\n"
	"      --rev-id ID         the id, instead of a random one\n"
	"      --label NAME        a branch label for the new revision\n";

enum { OPT_REV_ID = 256, OPT_HEAD, OPT_DEPENDS, OPT_REQUIRES, OPT_LABEL };

static const struct option revision_options[] = {
	{ "message", required_argument, NULL, 'm' },
	{ "rev-id", required_argument, NULL, OPT_REV_ID },
	{ "head", required_argument, NULL, OPT_HEAD },
	{ "depends", required_argument, NULL, OPT_DEPENDS },
	{ "requires", required_argument, NULL, OPT_REQUIRES },
	{ "label", required_argument, NULL, OPT_LABEL },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static const struct option merge_options[] = {
	{ "message", required_argument, NULL, 'm' },
	{ "rev-id", required_argument, NULL, OPT_REV_ID },
	{ "label", required_argument, NULL, OPT_LABEL },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* The most --depends, --requires or merge targets. */
#define MAX_ARGS 64

struct newrev {
	const char *cmd;		/* "revision" or "merge" */
	bool quiet;			/* -q was given */
	const char *message;
	const char *rev_id;		/* NULL: a random one */
	const char *label;
	const char *head;		/* --head */
	const char *depends_arg[MAX_ARGS];
	size_t ndepends_arg;
	const char *requires_arg[MAX_ARGS];
	size_t nrequires_arg;
	/* Resolved. */
	struct rev **parents;
	size_t nparents;
	bool *is_parent;		/* by order */
	const char **requires;		/* as written: a label or a full id */
	size_t nrequires;
	const struct rev *fork;		/* --head names no head: said after */
};

static int add_arg(struct newrev *n, const char **v, size_t *len,
		   const char *arg)
{
	if (*len == MAX_ARGS)
		return cli_usage_error(n->cmd, "more than %d revisions",
				       MAX_ARGS);
	v[(*len)++] = arg;
	return EXIT_OK;
}

static int parse_options(struct newrev *n, int argc, char **argv,
			 const char *optstring, const struct option *opts)
{
	struct cli_opts o = { n->cmd, optstring, opts, false, 0 };
	int c, rc = EXIT_OK;

	while (rc == EXIT_OK && (c = cli_next_option(&o, argc, argv)) >= 0) {
		switch (c) {
		case 'm':
			n->message = optarg;
			break;
		case OPT_REV_ID:
			n->rev_id = optarg;
			break;
		case OPT_HEAD:
			n->head = optarg;
			break;
		case OPT_DEPENDS:
			rc = add_arg(n, n->depends_arg, &n->ndepends_arg, optarg);
			break;
		case OPT_REQUIRES:
			rc = add_arg(n, n->requires_arg, &n->nrequires_arg,
				     optarg);
			break;
		case OPT_LABEL:
			n->label = optarg;
			break;
		}
	}
	if (rc != EXIT_OK)
		return rc;
	if (c == CLI_OPT_STOP)
		return o.rc == EXIT_OK ? -1 : o.rc;
	if (!n->message)
		return cli_usage_error(n->cmd, "missing -m MESSAGE (what the "
				       "revision does)");
	if (n->head && n->ndepends_arg)
		return cli_usage_error(n->cmd, "--head and --depends both name "
				       "the parents; give one of them");
	return EXIT_OK;
}

/* The message must be text: UTF-8, not blank, and no control
 * characters but tabs and newlines (history prints it to a terminal). */
static int check_message(const struct newrev *n)
{
	const char *m = n->message;
	size_t len = strlen(m), i = 0;
	bool text = false;

	while (i < len) {
		unsigned char c = (unsigned char)m[i];
		size_t k = utf8_seq_len(m + i, len - i);

		if (k == 0)
			return cli_usage_error(n->cmd, "the message is not "
					       "valid UTF-8");
		if (c != '\n' && terminal_control_len(m + i, len - i))
			return cli_usage_error(n->cmd, "the message holds a "
					       "control character (%s%02x)",
					       c < 0x80 ? "0x" : "U+00",
					       c < 0x80 ? c : (unsigned char)m[i + 1]);
		text |= !ascii_isspace(c);
		i += k;
	}
	if (!text)
		return cli_usage_error(n->cmd, "the message is empty");
	return EXIT_OK;
}

/* Resolve text to exactly one revision, or report a usage error. */
static int resolve_one(struct rt_ctx *ctx, struct graph *g,
		       const struct newrev *n, const char *opt,
		       const char *text, struct rev **out)
{
	struct target t;
	const char *err = NULL;

	if (target_resolve(ctx, g, text, NULL, &t, &err) < 0)
		return cli_usage_error(n->cmd, "%s %s: %s", opt, text, err);
	if (t.n != 1 || t.branch)
		return cli_usage_error(n->cmd, "%s %s: names %s; give one "
				       "revision", opt, text,
				       t.n == 0 ? "base" : "several revisions");
	*out = t.revs[0];
	return EXIT_OK;
}

static void add_parent(struct rt_ctx *ctx, struct graph *g, struct newrev *n,
		       struct rev *r)
{
	if (!n->parents) {
		n->parents = arena_alloc(&ctx->arena,
					 (g->n + 1) * sizeof(*n->parents));
		n->is_parent = arena_alloc(&ctx->arena, (g->n + 1) *
					   sizeof(*n->is_parent));
	}
	if (n->is_parent[r->order])
		return;
	n->is_parent[r->order] = true;
	n->parents[n->nparents++] = r;
}

static void list_heads(const struct graph *g, FILE *out)
{
	size_t i;

	for (i = 0; i < g->nheads; i++) {
		struct strbuf subject;

		strbuf_init(&subject);
		revfmt_subject(&subject, g->heads[i]->ast->message);
		fprintf(out, "  %s%s%s\n", g->heads[i]->id,
			subject.len ? "  " : "", subject.len ? subject.buf : "");
		strbuf_release(&subject);
	}
}

/* No parent may be an ancestor of another (check's redundant
 * dependency): say so before anything is written. */
static int check_parents(struct graph *g, const struct newrev *n)
{
	size_t j, i = graph_first_ancestor(g, n->parents, n->nparents, &j);

	if (i < n->nparents)
		return cli_usage_error(n->cmd, "%s is already an ancestor of "
				       "%s; depending on it adds nothing",
				       n->parents[i]->id, n->parents[j]->id);
	return EXIT_OK;
}

/* --head, --depends or the single head: the parents of a new revision. */
static int revision_parents(struct rt_ctx *ctx, struct graph *g,
			    struct newrev *n)
{
	struct rev *r;
	size_t i;
	int rc;

	if (n->head) {
		if (strcmp(n->head, "base") == 0)
			return EXIT_OK;
		rc = resolve_one(ctx, g, n, "--head", n->head, &r);
		if (rc != EXIT_OK)
			return rc;
		add_parent(ctx, g, n, r);
		if (!r->head)
			n->fork = r;
		return EXIT_OK;
	}
	for (i = 0; i < n->ndepends_arg; i++) {
		rc = resolve_one(ctx, g, n, "--depends", n->depends_arg[i], &r);
		if (rc != EXIT_OK)
			return rc;
		add_parent(ctx, g, n, r);
	}
	if (n->ndepends_arg)
		return check_parents(g, n);
	if (g->nheads > 1) {
		struct strbuf hint;

		/* Branches kept apart (retort.ini's heads) are named, and
		 * not to be merged. */
		strbuf_init(&hint);
		separate_head_hint(ctx, &hint);
		cli_usage_error(n->cmd, "there are %zu heads; say which one the "
				"new revision follows with --head%s%s",
				g->nheads, hint.buf, hint.len ? "" : ", or "
				"merge them first with `retort merge`");
		strbuf_release(&hint);
		list_heads(g, stderr);
		return EXIT_USAGE;
	}
	if (g->nheads == 1)
		add_parent(ctx, g, n, g->heads[0]);
	return EXIT_OK;
}

/* merge's targets (default: every head), each revision once. */
static int merge_parents(struct rt_ctx *ctx, struct graph *g,
			 struct newrev *n, int argc, char **argv)
{
	size_t i, j;

	if (argc == 0 && separate_count(ctx)) {
		struct rev **v = arena_alloc(&ctx->arena, (g->nheads + 1) *
					     sizeof(*v));
		const char *why = NULL;
		size_t nv = separate_merge_heads(ctx, g, v, &why);

		if (nv == 0)
			return cli_usage_error(n->cmd, "nothing to merge by "
					       "default: %s", why);
		for (i = 0; i < nv; i++)
			add_parent(ctx, g, n, v[i]);
	} else if (argc == 0) {
		for (i = 0; i < g->nheads; i++)
			add_parent(ctx, g, n, g->heads[i]);
	}
	for (i = 0; i < (size_t)argc; i++) {
		struct target t;
		const char *err = NULL;

		if (target_resolve(ctx, g, argv[i], NULL, &t, &err) < 0)
			return cli_usage_error(n->cmd, "%s", err);
		if (t.branch)
			return cli_usage_error(n->cmd, "%s names no revision",
					       argv[i]);
		for (j = 0; j < t.n; j++)
			add_parent(ctx, g, n, t.revs[j]);
	}
	if (n->nparents < 2) {
		cli_usage_error(n->cmd, "nothing to merge: %s", argc ?
				"the targets name fewer than two revisions" :
				g->nheads ? "there is only one head" :
				"there are no revisions");
		return EXIT_USAGE;
	}
	return check_parents(g, n);
}

/* A required revision must not be a parent or come before one: it
 * would be applied first anyway. */
static int check_required(struct graph *g, const struct newrev *n,
			  const struct rev *r)
{
	size_t j;

	for (j = 0; j < n->nparents; j++) {
		if (n->parents[j] == r || graph_is_ancestor(g, r, n->parents[j]))
			return cli_usage_error(n->cmd, "--requires %s: the new "
					       "revision already follows it "
					       "(through %s)", r->id,
					       n->parents[j]->id);
	}
	return EXIT_OK;
}

/* --requires: a branch label is kept as written (it stands for its
 * branch's head, as Alembic's depends_on keeps it); anything else is
 * resolved to one revision's full id. */
static int resolve_requires(struct rt_ctx *ctx, struct graph *g,
			    struct newrev *n)
{
	size_t i;

	n->requires = arena_alloc(&ctx->arena,
				  (n->nrequires_arg + 1) * sizeof(*n->requires));
	for (i = 0; i < n->nrequires_arg; i++) {
		const char *a = n->requires_arg[i];
		struct rev *r;
		int rc;

		if (graph_label(g, ctx, a)) {
			size_t j, k;

			/* A parent on that branch puts the new revision on
			 * it: it would be the head it requires. */
			for (j = 0; j < n->nparents; j++) {
				for (k = 0; k < n->parents[j]->nbranch; k++) {
					if (strcmp(n->parents[j]->branch[k], a) == 0)
						return cli_usage_error(n->cmd,
							"--requires %s: the new "
							"revision is on that "
							"branch itself", a);
				}
			}
			n->requires[n->nrequires++] = a;
			continue;
		}
		rc = resolve_one(ctx, g, n, "--requires", a, &r);
		if (rc != EXIT_OK)
			return rc;
		rc = check_required(g, n, r);
		if (rc != EXIT_OK)
			return rc;
		n->requires[n->nrequires++] = r->id;
	}
	return EXIT_OK;
}

/* A revision id or label from the command line: well formed and new. */
static int check_word(struct rt_ctx *ctx, struct graph *g,
		      const struct newrev *n, const char *s, const char *what)
{
	enum word_problem p = resolve_word_problem(s);
	const struct rev *r;

	if (p != WORD_OK)
		return cli_usage_error(n->cmd, "%s",
				       resolve_word_message(ctx, p, s, what));
	if ((r = graph_find(g, ctx, s)) != NULL)
		return cli_usage_error(n->cmd, "%s \"%s\" is already the id of "
				       "a revision in %s", what, s,
				       revfmt_path(ctx, r));
	if ((r = graph_label(g, ctx, s)) != NULL)
		return cli_usage_error(n->cmd, "%s \"%s\" is already a label "
				       "of %s", what, s, r->id);
	return EXIT_OK;
}

/* A random 12-hex id from the OS's random source, new in the project. */
static int random_id(struct rt_ctx *ctx, struct graph *g, const char **out)
{
	unsigned char b[6];
	char hex[13];
	int tries;
	size_t i;

	for (tries = 0; tries < 16; tries++) {
		if (getrandom(b, sizeof(b), 0) != (ssize_t)sizeof(b)) {
			diag_error(ctx, src_span_none(), "cannot read random "
				   "bytes: %s", strerror(errno));
			return EXIT_IO;
		}
		for (i = 0; i < sizeof(b); i++)
			snprintf(hex + 2 * i, 3, "%02x", b[i]);
		if (!graph_find(g, ctx, hex) && !graph_label(g, ctx, hex) &&
		    resolve_word_problem(hex) == WORD_OK) {
			*out = arena_strndup(&ctx->arena, hex, 12);
			return EXIT_OK;
		}
	}
	RT_BUG("16 random ids all taken");
}

/* "YYYY-MM-DD HH:MM:SS" in UTC: now, or SOURCE_DATE_EPOCH when set (the
 * reproducible-builds convention), for scripts and tests. */
static int created_now(const struct newrev *n, char *buf, size_t size)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t = time(NULL);
	struct tm tm;

	if (sde && *sde) {
		char *end;
		unsigned long long v;

		errno = 0;
		v = strtoull(sde, &end, 10);
		if (errno || *end || !ascii_isdigit((unsigned char)*sde) ||
		    v > 253402300799ULL)	/* 9999-12-31 23:59:59 */
			return cli_usage_error(n->cmd, "SOURCE_DATE_EPOCH is "
					       "not a number of seconds: '%s'",
					       sde);
		t = (time_t)v;
	}
	if (!gmtime_r(&t, &tm) ||
	    strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		RT_BUG("cannot format the time");
	return EXIT_OK;
}

/* An id or label as the language reads it: bare, unless it is a
 * keyword (then quoted, which is always allowed). */
static void add_word(struct strbuf *sb, const char *w)
{
	if (kw_lookup(w, strlen(w)))
		strbuf_add_quoted(sb, w, '\'');
	else
		strbuf_addstr(sb, w);
}

static void render(const struct newrev *n, const char *id,
		   const char *created, struct strbuf *sb)
{
	size_t i;

	strbuf_addstr(sb, "revision ");
	add_word(sb, id);
	strbuf_addstr(sb, "\nmessage ");
	strbuf_add_quoted(sb, n->message, '\'');
	if (n->nparents) {
		strbuf_addstr(sb, "\ndepends ");
		for (i = 0; i < n->nparents; i++) {
			strbuf_addstr(sb, i ? ", " : "");
			add_word(sb, n->parents[i]->id);
		}
	}
	if (n->nrequires) {
		strbuf_addstr(sb, "\nrequires ");
		for (i = 0; i < n->nrequires; i++) {
			strbuf_addstr(sb, i ? ", " : "");
			add_word(sb, n->requires[i]);
		}
	}
	if (n->label) {
		strbuf_addstr(sb, "\nlabel ");
		add_word(sb, n->label);
	}
	strbuf_addf(sb, "\ncreated '%s'\n\nup {\n}\n\ndown {\n}\n", created);
}

/* Parse the new text and build the graph with it: what retort writes,
 * retort must read, with no new error. */
static int recheck(struct rt_ctx *ctx, const struct project *p,
		   const char *path, const struct strbuf *text)
{
	uint32_t id = src_add(ctx, path, text->buf, text->len);
	struct project with = *p;
	struct ast_file *f = NULL;
	struct graph *g = NULL;
	unsigned before = ctx->diags.errors;
	int rc = EXIT_OK;

	if (parse_file(ctx, id, &f) != 0 || resolve_file(ctx, f) != 0)
		rc = EXIT_INVALID;
	if (rc == EXIT_OK) {
		with.files = arena_alloc(&ctx->arena,
					 (p->nfiles + 1) * sizeof(*with.files));
		memcpy(with.files, p->files, p->nfiles * sizeof(*with.files));
		with.files[with.nfiles++] = f;
		with.nrevs++;
		ctx->diags.mute_warnings++;
		if (graph_build(ctx, &with, &g) != 0 ||
		    ctx->diags.errors != before)
			rc = EXIT_INVALID;
		ctx->diags.mute_warnings--;
		graph_free(g);
	}
	if (rc != EXIT_OK)
		diag_note(ctx, src_span_none(), "so the revision was not "
			  "written");
	return rc;
}

static int write_revision(struct rt_ctx *ctx, const struct cli *cli,
			  struct project *p, struct graph *g,
			  struct newrev *n)
{
	struct strbuf text, name;
	const char *id = n->rev_id, *path;
	char created[32];
	int rc;

	if (n->rev_id)
		rc = check_word(ctx, g, n, n->rev_id, "revision id");
	else
		rc = random_id(ctx, g, &id);
	if (rc == EXIT_OK && n->label) {
		rc = check_word(ctx, g, n, n->label, "label");
		if (rc == EXIT_OK && strcmp(n->label, id) == 0)
			rc = cli_usage_error(n->cmd, "the label and the id are "
					     "both \"%s\"", id);
	}
	if (rc == EXIT_OK)
		rc = created_now(n, created, sizeof(created));
	if (rc != EXIT_OK)
		return rc;

	strbuf_init(&name);
	strbuf_addf(&name, "%s/%s", cli->versions, id);
	revfmt_add_slug(&name, n->message);
	strbuf_addstr(&name, ".mig");
	path = arena_strndup(&ctx->arena, name.buf, name.len);
	strbuf_release(&name);

	strbuf_init(&text);
	render(n, id, created, &text);
	rc = recheck(ctx, p, path, &text);
	if (rc == EXIT_OK && out_write_new(path, text.buf, text.len) < 0) {
		diag_error(ctx, src_span_none(), errno == EEXIST ?
			   "\"%s\" already exists" : "cannot write \"%s\": %s",
			   path, strerror(errno));
		rc = EXIT_IO;
	}
	strbuf_release(&text);
	if (rc != EXIT_OK)
		return rc;
	if (n->fork && !n->quiet)
		fprintf(stderr, "retort revision: %s is not a head; the new "
			"revision starts a branch there\n", n->fork->id);
	printf("%s\n", path);
	return EXIT_OK;
}

/* The versions directory must be there: say how to make one. */
static int load(struct rt_ctx *ctx, const struct cli *cli,
		struct newrev *n, struct project **p, struct graph **g)
{
	struct stat st;
	int rc;

	if (stat(cli->versions, &st) < 0 && errno == ENOENT) {
		if (cli->cfg->path)
			diag_error(ctx, src_span_none(), "no versions directory "
				   "\"%s\" (%s names it); make it with `mkdir "
				   "-p %s`", cli->versions, cli->cfg->path,
				   cli->versions);
		else
			diag_error(ctx, src_span_none(), "no versions directory "
				   "\"%s\"; `retort init` makes a project",
				   cli->versions);
		return EXIT_IO;
	}
	/* Several heads are what revision and merge speak of themselves;
	 * the project's other warnings are check's. */
	n->quiet = ctx->quiet;
	ctx->diags.mute_warnings++;
	rc = cli_load(ctx, cli);
	ctx->diags.mute_warnings--;
	*p = cli->pl->project;
	*g = cli->pl->graph;
	if (rc == EXIT_INVALID)
		diag_note(ctx, src_span_none(), "retort %s needs a project "
			  "without errors", n->cmd);
	return rc;
}

int cmd_revision(struct rt_ctx *ctx, const struct cli *cli, int argc,
		 char **argv)
{
	struct newrev n = { .cmd = "revision" };
	struct project *p = NULL;
	struct graph *g = NULL;
	int rc = parse_options(&n, argc, argv, ":m:h",
				   revision_options);

	if (rc != EXIT_OK)
		return rc < 0 ? EXIT_OK : rc;
	if (optind < argc)
		return cli_usage_error(n.cmd, "unexpected argument '%s' (the "
				       "message goes after -m)", argv[optind]);
	rc = check_message(&n);
	if (rc == EXIT_OK)
		rc = load(ctx, cli, &n, &p, &g);
	if (rc == EXIT_OK)
		rc = revision_parents(ctx, g, &n);
	if (rc == EXIT_OK)
		rc = resolve_requires(ctx, g, &n);
	if (rc == EXIT_OK)
		rc = write_revision(ctx, cli, p, g, &n);
	return rc;
}

/* commute_report's filter for a merge: the pairs it joins, each of
 * them below one parent and not both below one parent. */
struct joined {
	struct graph *g;
	bool **below;			/* below[i][order]: under parent i */
	size_t n;
};

static bool joins_pair(void *arg, const struct rev *a, const struct rev *b)
{
	const struct joined *j = arg;
	bool ina = false, inb = false;
	size_t i;

	for (i = 0; i < j->n; i++) {
		bool x = j->below[i][a->order], y = j->below[i][b->order];

		if (x && y)
			return false;
		ina |= x;
		inb |= y;
	}
	return ina && inb;
}

/*
 * Do the branches the merge joins commute?  The same warning as check's
 * for each pair of their revisions that does not (the project's model
 * replayed once more, its own diagnostics left to check).
 */
static void merge_commutes(struct rt_ctx *ctx, const struct cli *cli,
			   struct graph *g, const struct newrev *n)
{
	struct commute *cm = commute_new(ctx);
	struct joined j = { g, NULL, n->nparents };
	size_t i;

	cli_replay_quietly(ctx, cli, commute_watch(cm));
	j.below = xcalloc(n->nparents, sizeof(*j.below));
	for (i = 0; i < n->nparents; i++) {
		struct target t = { &n->parents[i], 1, NULL };

		j.below[i] = xcalloc(g->n + 1, sizeof(**j.below));
		target_closure_flags(g, &t, j.below[i]);
	}
	commute_report(cm, g, joins_pair, &j);
	for (i = 0; i < n->nparents; i++)
		free(j.below[i]);
	free(j.below);
	commute_free(cm);
}

int cmd_merge(struct rt_ctx *ctx, const struct cli *cli, int argc,
	      char **argv)
{
	struct newrev n = { .cmd = "merge" };
	struct project *p = NULL;
	struct graph *g = NULL;
	int rc = parse_options(&n, argc, argv, ":m:h", merge_options);

	if (rc != EXIT_OK)
		return rc < 0 ? EXIT_OK : rc;
	rc = check_message(&n);
	if (rc == EXIT_OK)
		rc = load(ctx, cli, &n, &p, &g);
	if (rc == EXIT_OK)
		rc = merge_parents(ctx, g, &n, argc - optind, argv + optind);
	if (rc == EXIT_OK)
		rc = write_revision(ctx, cli, p, g, &n);
	if (rc == EXIT_OK)
		merge_commutes(ctx, cli, g, &n);
	return rc;
}
