/* store_consultation.h - public comment on a draft (公开征求意见,
 * 029_public_comments.sql) as the store keeps it; the structs are
 * domain/consultation.h's. store.h includes this file after its
 * STORE_LIST, and nothing else includes it.
 *
 * Nothing here is scoped: a consultation is public once its comment_open
 * step is recorded; the app checks the case's scope before showing a
 * comment's sender to staff. */
#ifndef FZ_STORE_STORE_CONSULTATION_H
#define FZ_STORE_STORE_CONSULTATION_H

#ifndef STORE_LIST
#error "include store/store.h, not store/store_consultation.h"
#endif

#include "domain/consultation.h"

STORE_LIST(public_comment_list, struct public_comment);

/* One comment period of a matter: its comment_open event and, once
 * closed, the comment_close event after it (0 while open). */
struct consultation_ref {
	int64_t case_id;
	int64_t open_event;
	int64_t close_event;
	int64_t opened_at;
};
STORE_LIST(consultation_ref_list, struct consultation_ref);

#endif
