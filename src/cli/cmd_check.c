/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_check.c - `vfio-kconfig-check [check] [options] CONFIG...`: is each
 * .config what Kconfig would keep, and if not, why.  The default command.
 *
 * Each CONFIG is a full .config, a defconfig or a fragment (--input, else
 * its name says which).  Full .configs and defconfigs are checked one by
 * one; the fragments of one call are applied in order onto --base (or
 * onto the defaults) as merge_config.sh applies them, and checked as one.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "kc_check.h"
#include "kc_config.h"
#include "kc_eval.h"
#include "kc_report.h"
#include "kc_rules.h"

struct check_options {
	const char *input;	/* --input KIND; NULL: from each name */
	const char *base;	/* --base FILE, under the fragments */
	bool partial;		/* --partial: the --kconfig folder is partial */
	bool each;		/* --each: every fragment on its own */
	const char *jobs;	/* --jobs N; NULL: one a processor */
};

static const char *const input_kinds[] = { "full", "defconfig", "fragment",
					   NULL };

static const struct kc_option check_options[] = {
	KC_OWN_ENUM("input", "KIND",
		    "what each CONFIG is: full, defconfig or fragment\n"
		    "(default: from its name; see the manual)",
		    input_kinds, struct check_options, input),
	KC_OWN_STRING("base", "FILE",
		      "the .config the fragments are applied onto\n"
		      "(default: none, so the defaults)",
		      struct check_options, base, KC_COMPLETE_FILE),
	KC_OWN_FLAG("partial", 0,
		    "the --kconfig folder describes part of a kernel, as\n"
		    "the embedded models do: symbols outside it are no findings",
		    struct check_options, partial),
	KC_OWN_FLAG("each", 0,
		    "check each fragment on its own onto --base, instead of\n"
		    "all of them in order (as hooks do for unrelated files)",
		    struct check_options, each),
	KC_OWN_STRING("jobs", "N",
		      "check up to N full .configs and defconfigs at once\n"
		      "(default: one a processor; the report keeps their order)",
		      struct check_options, jobs, KC_COMPLETE_NONE),
	{ 0 },
};

/* Everything one run keeps alive until the report is written. */
struct check_run {
	const struct kc_cli_args *a;
	struct kc_model *m;
	const struct kc_policy *policy;
	bool partial;
	/* Against a partial model, the names a reading keeps; else NULL. */
	struct kc_config_keep *keep;
	struct kc_config **cfgs;	/* every config read or merged */
	size_t n_cfgs;
	struct kc_report_config *rcs;
	struct kc_findings *findings;
	size_t n_rcs;
	struct kc_buf fragment_names;
};

static const char *const kind_names[] = { "full", "defconfig", "fragment" };

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && !strcmp(s + n - t, tail);
}

/* The last place 'dir' ("arch/") starts a path component, or NULL. */
static const char *component(const char *path, const char *dir)
{
	const char *p, *found = NULL;

	for (p = strstr(path, dir); p; p = strstr(p + 1, dir))
		if (p == path || p[-1] == '/')
			found = p;
	return found;
}

/*
 * kernel/configs/NAME.config or arch/ARCH/configs/NAME.config: the places
 * the kernel keeps the fragments `make NAME.config` merges; or a file
 * named *.fragment.  Other files in a folder that happens to be called
 * kernel/configs (Debian's config.amd64_none_amd64 unpacked there, say)
 * are whole .configs.
 */
static bool fragment_path(const char *path)
{
	const char *p;

	if (ends_with(path, ".fragment"))
		return true;
	if (!ends_with(path, ".config"))
		return false;
	p = component(path, "kernel/configs/");
	if (p && !strchr(p + 15, '/'))
		return true;
	p = component(path, "arch/");
	if (!p)
		return false;
	p = strchr(p + 5, '/');
	return p && !strncmp(p, "/configs/", 9) && !strchr(p + 9, '/');
}

static enum kc_input_kind input_kind(const struct check_options *o,
				     const char *path)
{
	size_t i;

	for (i = 0; o->input && i < 3; i++)
		if (!strcmp(o->input, kind_names[i]))
			return (enum kc_input_kind)i;
	if (ends_with(path, "defconfig"))
		return KC_INPUT_DEFCONFIG;
	return fragment_path(path) ? KC_INPUT_FRAGMENT : KC_INPUT_FULL;
}

/* Reads one file; its reading findings go to f.  NULL when unreadable. */
static struct kc_config *read_one(struct check_run *r, const char *path,
				  struct kc_findings *f)
{
	struct kc_diags diags = KC_DIAGS_INIT;
	struct kc_config *cfg = kc_cli_read_config_keep(&r->a->src, path,
							r->keep, &diags);

	if (!cfg)
		kc_cli_print_diags(&r->a->src, &diags);
	else
		kc_check_read(cfg->path, cfg, &diags, f);
	kc_diags_free(&diags);
	if (cfg)
		r->cfgs[r->n_cfgs++] = cfg;
	return cfg;
}

/* Checks cfg as 'kind' into report entry 'slot', named 'path'. */
static void check_config(const struct check_run *r, size_t slot,
			 const char *path, struct kc_config *cfg,
			 enum kc_input_kind kind)
{
	struct kc_eval_options eopt = { .run_shell = r->a->src.shell };
	struct kc_check_options copt = { kind, r->partial };
	struct kc_report_config *rc = &r->rcs[slot];
	struct kc_findings *f = &r->findings[slot];
	struct kc_check_stats stats;
	struct kc_eval *ev = kc_eval_new(r->m, cfg, &eopt);

	kc_check_config_as(r->m, cfg, ev, &copt, &stats, f);
	if (kind == KC_INPUT_DEFCONFIG)
		kc_check_defconfig_lint(r->m, cfg, ev, f);
	kc_policy_check(r->policy, cfg, ev, f);
	kc_eval_free(ev);
	kc_findings_sort(f);
	rc->path = path;
	rc->findings = f;
	rc->kind = kind_names[kind];
	rc->outside = stats.outside;
}

/*
 * One full .config or defconfig: read and checked on its own, possibly on
 * another thread; what it would print waits in 'diags' so that errors
 * come out in the order of the command line.
 */
struct check_job {
	const struct check_run *r;
	const char *path;
	enum kc_input_kind kind;
	size_t slot;
	struct kc_config *cfg;		/* NULL: unreadable, see diags */
	struct kc_diags diags;
};

static void run_job(struct check_job *j)
{
	const struct check_run *r = j->r;

	j->cfg = kc_cli_read_config_keep(&r->a->src, j->path, r->keep,
					 &j->diags);
	if (!j->cfg)
		return;
	kc_check_read(j->cfg->path, j->cfg, &j->diags, &r->findings[j->slot]);
	kc_diags_free(&j->diags);
	check_config(r, j->slot, j->path, j->cfg, j->kind);
	/* Its lines go now: the next config on this thread reuses the room. */
	kc_config_drop_lines(j->cfg);
}

/* The jobs a worker takes, one at a time, from a shared counter. */
struct job_queue {
	struct check_job *jobs;
	size_t n;
	size_t next;
	pthread_mutex_t lock;
};

static void *worker(void *arg)
{
	struct job_queue *q = arg;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&q->lock);
		i = q->next < q->n ? q->next++ : q->n;
		pthread_mutex_unlock(&q->lock);
		if (i == q->n)
			return NULL;
		run_job(&q->jobs[i]);
	}
}

/* Runs the jobs on up to 'threads' threads (this one among them). */
static void run_jobs(struct check_job *jobs, size_t n, size_t threads)
{
	struct job_queue q = { jobs, n, 0, PTHREAD_MUTEX_INITIALIZER };
	pthread_t *tids;
	size_t i, started = 0;

	if (threads > n)
		threads = n;
	tids = kc_xcalloc(threads ? threads : 1, sizeof(*tids));
	/* A thread that cannot start leaves its share to the others. */
	for (i = 1; i < threads; i++)
		if (!pthread_create(&tids[started], NULL, worker, &q))
			started++;
	worker(&q);
	for (i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	free(tids);
	pthread_mutex_destroy(&q.lock);
}

/*
 * The fragments of the call, in order, onto the base: one check; with
 * --each, only the fragment at 'only'.
 */
static bool check_fragments(struct check_run *r,
			    const struct check_options *o, size_t only,
			    size_t slot)
{
	const struct kc_vec *pos = &r->a->positional;
	struct kc_findings *f = &r->findings[slot];
	struct kc_config **parts = kc_xcalloc(pos->len + 1, sizeof(*parts));
	struct kc_config *merged;
	size_t i, n = 0;
	bool ok = false;

	if (o->base) {
		parts[n] = read_one(r, o->base, f);
		if (!parts[n++])
			goto out;
		kc_buf_adds(&r->fragment_names, o->base);
	}
	for (i = 0; i < pos->len; i++) {
		if (input_kind(o, pos->items[i]) != KC_INPUT_FRAGMENT ||
		    (o->each && i != only))
			continue;
		parts[n] = read_one(r, pos->items[i], f);
		if (!parts[n++])
			goto out;
		kc_buf_addf(&r->fragment_names, "%s%s",
			    r->fragment_names.len ? " + " : "",
			    (const char *)pos->items[i]);
	}
	merged = kc_config_merge(kc_buf_str(&r->fragment_names),
				 (const struct kc_config *const *)parts, n);
	r->cfgs[r->n_cfgs++] = merged;
	kc_buf_reset(&r->fragment_names);
	check_config(r, slot, merged->path, merged, KC_INPUT_FRAGMENT);
	ok = true;
out:
	free(parts);
	return ok;
}

/* --jobs N, or one a processor; 0 on a bad value (said). */
static size_t job_threads(const struct check_options *o)
{
	long n;
	char *end;

	if (!o->jobs) {
		n = sysconf(_SC_NPROCESSORS_ONLN);
		return n < 1 ? 1 : n > 16 ? 16 : (size_t)n;
	}
	errno = 0;
	n = strtol(o->jobs, &end, 10);
	if (errno || end == o->jobs || *end || n < 1 || n > 256) {
		kc_cli_usage_error("--jobs takes a number from 1 to 256, not '%s'",
				   o->jobs);
		return 0;
	}
	return (size_t)n;
}

/*
 * Full .configs and defconfigs first, on up to --jobs threads; then, in
 * the order of the command line, each one's reading errors and each group
 * of fragments.  The report entries keep the command line's order.
 */
static bool check_all(struct check_run *r, const struct check_options *o,
		      size_t threads)
{
	const struct kc_vec *pos = &r->a->positional;
	struct check_job *jobs = kc_xcalloc(pos->len + 1, sizeof(*jobs));
	size_t *slot = kc_xcalloc(pos->len + 1, sizeof(*slot));
	bool fragments_seen = false, ok = true;
	size_t i, n_jobs = 0, j = 0;

	for (i = 0; i < pos->len; i++) {
		enum kc_input_kind kind = input_kind(o, pos->items[i]);

		if (kind != KC_INPUT_FRAGMENT) {
			jobs[n_jobs] = (struct check_job){
				r, pos->items[i], kind, r->n_rcs, NULL,
				KC_DIAGS_INIT
			};
			n_jobs++;
			slot[i] = r->n_rcs++;
		} else if (o->each || !fragments_seen) {
			fragments_seen = true;
			slot[i] = r->n_rcs++;
		}
	}
	run_jobs(jobs, n_jobs, threads);
	fragments_seen = false;
	for (i = 0; i < pos->len && ok; i++) {
		if (input_kind(o, pos->items[i]) != KC_INPUT_FRAGMENT) {
			struct check_job *job = &jobs[j++];

			if (job->cfg)
				r->cfgs[r->n_cfgs++] = job->cfg;
			else
				kc_cli_print_diags(&r->a->src, &job->diags);
			ok = job->cfg != NULL;
		} else if (o->each || !fragments_seen) {
			fragments_seen = true;
			ok = check_fragments(r, o, i, slot[i]);
		}
	}
	/* After a failure, the configs not yet handed over are freed here. */
	for (; j < n_jobs; j++)
		kc_config_free(jobs[j].cfg);
	for (i = 0; i < n_jobs; i++)
		kc_diags_free(&jobs[i].diags);
	free(slot);
	free(jobs);
	return ok;
}

/* --base says what fragments go onto: without one it is a mistake. */
static bool base_has_fragments(const struct kc_cli_args *a,
			       const struct check_options *o)
{
	size_t i;

	for (i = 0; o->base && i < a->positional.len; i++)
		if (input_kind(o, a->positional.items[i]) == KC_INPUT_FRAGMENT)
			return true;
	if (o->base)
		kc_cli_usage_error("--base goes with fragments (see --input)");
	return !o->base;
}

/* The embedded models describe VFIO and IOMMUFD only. */
static bool model_is_partial(const struct kc_cli_args *a,
			     const struct check_options *o)
{
	if (o->partial && !a->src.kconfig_dir) {
		kc_cli_usage_error("--partial goes with --kconfig");
		return false;
	}
	return o->partial || (!a->src.kconfig_dir && !a->src.srctree);
}

static void run_free(struct check_run *r, size_t n)
{
	size_t i;

	for (i = 0; r->findings && i < n; i++)
		kc_findings_free(&r->findings[i]);
	free(r->findings);
	for (i = 0; i < r->n_cfgs; i++)
		kc_config_free(r->cfgs[i]);
	free(r->cfgs);
	free(r->rcs);
	free(r->keep);
	kc_buf_free(&r->fragment_names);
}

static int run(struct kc_cli_args *a)
{
	const struct check_options *o = a->own;
	struct check_run r = { .a = a, .fragment_names = KC_BUF_INIT };
	struct kc_policy *policy = NULL;
	size_t n = a->positional.len, threads;
	int ret = KC_EXIT_USAGE, rc;

	if (!n && !a->policy.list_rules)
		return kc_cli_usage_error("no .config given (try --help)");
	if (!base_has_fragments(a, o))
		return KC_EXIT_USAGE;
	rc = kc_cli_policy_start(a, &r.m, &policy);
	if (rc <= 0) {
		ret = rc < 0 ? KC_EXIT_USAGE : KC_EXIT_OK;
		goto out;
	}
	r.policy = policy;
	r.partial = model_is_partial(a, o);
	if (o->partial && !r.partial)
		goto out;
	if (r.partial) {
		r.keep = kc_xmalloc(sizeof(*r.keep));
		kc_check_partial_keep(r.m, r.keep);
	}
	r.findings = kc_xcalloc(n, sizeof(*r.findings));
	r.rcs = kc_xcalloc(n, sizeof(*r.rcs));
	/* Findings point into their config: all stay alive until the end. */
	/* Each file, the base once a fragment, a merge a fragment at most. */
	r.cfgs = kc_xcalloc(3 * n + 1, sizeof(*r.cfgs));
	threads = job_threads(o);
	if (threads && check_all(&r, o, threads))
		ret = kc_cli_report_write(&a->report, &a->src, r.rcs, r.n_rcs);
out:
	run_free(&r, n);
	/* Findings point at rule descriptions: the policy goes after them. */
	kc_policy_free(policy);
	kc_model_free(r.m);
	return ret;
}

const struct kc_command kc_cmd_check = {
	.name = "check",
	.summary = "check .config files against Kconfig (the default)",
	.args = "CONFIG...",
	.description =
		"Reports every assignment of each CONFIG that 'make olddefconfig' would\n"
		"not keep, every symbol it would change, and lines it would ignore, each\n"
		"with the chain of reasons, and every policy rule each CONFIG breaks (the\n"
		"built-in VFIO/IOMMUFD pack and --rules files; vfio-kconfig-rules(5)).\n"
		"A CONFIG of '-' is read from standard input.\n"
		"\n"
		"A CONFIG is a full .config, a defconfig (named *defconfig: symbols it\n"
		"leaves out are fine, every line must survive, savedefconfig's lint as\n"
		"notes) or a fragment (under kernel/configs/, arch/*/configs/*.config,\n"
		"or named *.fragment): the fragments are applied in order onto --base\n"
		"as merge_config.sh does, and every requested value must survive.\n"
		"Against an embedded model, symbols outside it are counted, not findings.\n",
	.groups = KC_GROUP_MODEL | KC_GROUP_POLICY | KC_GROUP_WAIVERS |
		  KC_GROUP_OUTPUT | KC_GROUP_REPORT,
	.options = check_options,
	.own_size = sizeof(struct check_options),
	.max_args = -1,
	.file_args = true,
	.epilog = "Exit status: 0 clean, 1 findings at or above --fail-on, 2 bad usage or\n"
		  "a file that cannot be read.\n",
	.run = run,
};
