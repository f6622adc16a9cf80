/* audit_names.h - the audit log in Chinese: what each action code and
 * object type means, for the auditor's page and files. Every action code
 * the code records has a name here (tests/app/audit_names_test.c scans
 * src/ and fails on one without); a refused request, recorded as
 * "http METHOD /pattern", is named by its method. */
#ifndef FZ_APP_AUDIT_NAMES_H
#define FZ_APP_AUDIT_NAMES_H

#include <stddef.h>

#include "base/arena.h"

/* The Chinese name of action ("certificate.revoke" → "注销执法证"), or
 * NULL when the table has none. */
const char *audit_action_name(const char *action);
/* The same, never NULL: an unknown code is shown as it is, a refused
 * request as "访问 /path（GET）" (allocated in a when needed). */
const char *audit_action_label(struct arena *a, const char *action);
/* The action codes with a name, sorted: i in 0..count-1 (NULL past). */
size_t audit_action_count(void);
const char *audit_action_code(size_t i);
/* The code whose Chinese name is name ("注销执法证"), or NULL. */
const char *audit_action_of_name(const char *name);
/* The Chinese name of an object type ("certificate" → "执法证"); the type
 * itself when unknown, "" for none. */
const char *audit_object_label(const char *object_type);
/* "执法证 #12", "执法证", or "" (allocated in a). */
const char *audit_object_text(struct arena *a, const char *object_type, const char *object_id);
/* The Chinese for a result ("ok" → "成功"). */
const char *audit_result_label(const char *result);

#endif
