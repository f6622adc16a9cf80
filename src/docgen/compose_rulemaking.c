/* compose_rulemaking.c - the text of a normative document (行政规范性文件)
 * as signed and numbered (编号): its title, its 文号 from the issuing
 * unit's gapless series 规, the body of the current draft (the latest
 * 起草 version, which the reviews and the deliberation passed: the gates
 * of data/procedures/normative_document.txt) paragraph by paragraph, and
 * the date it takes effect. What is published on the portal is this text
 * (the publication pipeline reads it back, docs/PUBLICATION.md). */
#include "docgen/compose.h"

#include <string.h>

/* Room left for the body after the heading and closing blocks. */
#define BODY_BLOCKS (64 - 8) /* as when the model held 64 blocks: a
				   * published text reads back the same */

static const char *latest_draft(const struct docgen_input *in)
{
	for (size_t i = in->nevents; i-- > 0;)
		if (in->events[i].step && strcmp(in->events[i].step, "draft") == 0)
			return case_event_field(&in->events[i], "text");
	return NULL;
}

void compose_normative_text(struct doc_model *m, const struct docgen_input *in)
{
	compose_head(m, in);
	m->title = in->c->title;
	const char *text = latest_draft(in);
	int used = 0;
	for (const char *p = text ? text : ""; *p;) {
		size_t n = strcspn(p, "\n");
		size_t skip = strspn(p, " \t\r");
		if (n > skip) {
			/* the last block takes the rest, so nothing is dropped */
			size_t len = used < BODY_BLOCKS - 1 ? n : strlen(p);
			doc_add(m, DOC_PARA, "%.*s", (int)len, p);
			used++;
			if (len != n)
				break;
		}
		p += n;
		if (*p == '\n')
			p++;
	}
	const char *eff = compose_field(in, "effective_on");
	if (*eff)
		doc_add(m, DOC_PARA, "本文件自%s起施行。", compose_date(m, eff));
	m->signature = true;
}
