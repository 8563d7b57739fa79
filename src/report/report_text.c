/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * report_text.c - findings as a compiler prints diagnostics:
 *
 *   .config:12: error: VFIO_CONTAINER is set to y but resolves to n [kconfig/value-changed]
 *     drivers/vfio/Kconfig:30: note: VFIO_CONTAINER depends on VFIO_GROUP [=n]
 *
 * then one summary line per .config.
 */
#include "kc_report.h"

#define RED "\033[1;31m"
#define MAGENTA "\033[1;35m"
#define CYAN "\033[1;36m"
#define BOLD "\033[1m"
#define RESET "\033[0m"

static const char *sev_color(enum kc_severity sev)
{
	return sev == KC_SEV_ERROR ? RED : sev == KC_SEV_WARNING ? MAGENTA : CYAN;
}

static void location(struct kc_buf *out, const char *file, int line)
{
	if (!file)
		return;
	kc_buf_adds(out, file);
	if (line > 0)
		kc_buf_addf(out, ":%d", line);
	kc_buf_adds(out, ": ");
}

static void finding(const struct kc_finding *f, bool color,
		    struct kc_buf *out)
{
	size_t i;

	if (color)
		kc_buf_adds(out, BOLD);
	location(out, f->file, f->line);
	if (color)
		kc_buf_addf(out, "%s%s:" RESET BOLD " %s" RESET " [%s]\n",
			    sev_color(f->severity),
			    kc_severity_name(f->severity), f->message, f->rule);
	else
		kc_buf_addf(out, "%s: %s [%s]\n", kc_severity_name(f->severity),
			    f->message, f->rule);
	for (i = 0; i < f->n_notes; i++) {
		const struct kc_note *n = &f->notes[i];

		kc_buf_adds(out, "  ");
		location(out, n->file, n->line);
		if (color)
			kc_buf_addf(out, CYAN "note:" RESET " %s\n", n->message);
		else
			kc_buf_addf(out, "note: %s\n", n->message);
	}
}

static void count(const struct kc_findings *fs, size_t c[3])
{
	size_t i;

	c[0] = c[1] = c[2] = 0;
	for (i = 0; i < fs->len; i++)
		c[fs->items[i].severity]++;
}

static void render(const struct kc_report *r, bool color,
		   struct kc_buf *out)
{
	size_t i, j, c[3];

	for (i = 0; i < r->n_configs; i++) {
		const struct kc_report_config *rc = &r->configs[i];

		for (j = 0; j < rc->findings->len; j++)
			finding(&rc->findings->items[j], color, out);
		if (r->no_summary)
			continue;
		count(rc->findings, c);
		kc_buf_addf(out, "%s: %zu error%s, %zu warning%s, %zu note%s",
			    rc->path, c[KC_SEV_ERROR],
			    c[KC_SEV_ERROR] == 1 ? "" : "s", c[KC_SEV_WARNING],
			    c[KC_SEV_WARNING] == 1 ? "" : "s", c[KC_SEV_NOTE],
			    c[KC_SEV_NOTE] == 1 ? "" : "s");
		if (rc->outside)
			kc_buf_addf(out, "; %zu line%s outside the model",
				    rc->outside, rc->outside == 1 ? "" : "s");
		kc_buf_addc(out, '\n');
	}
}

/*
 * The report is valid UTF-8 whatever the inputs held: a byte that is not
 * (a Latin-1 .config string, say) is shown as \xNN, and a last line says
 * so.
 */
void kc_report_text(const struct kc_report *r, bool color,
		    struct kc_buf *out)
{
	struct kc_buf text = KC_BUF_INIT;

	render(r, color, &text);
	if (kc_utf8_escape(out, text.data ? text.data : "", text.len))
		kc_buf_adds(out, "note: bytes that are not UTF-8 are shown as \\xNN\n");
	kc_buf_free(&text);
}
