/* jsonout.h - model structs as API JSON. One function per struct, so that
 * every endpoint shows an object the same way, and secrets (password
 * hashes, session digests) have no way out. */
#ifndef FZ_HTTP_JSONOUT_H
#define FZ_HTTP_JSONOUT_H

#include <jansson.h>

#include "domain/model.h"

/* A JSON string, or null for NULL. New reference. */
json_t *json_str_or_null(const char *s);
/* Role bits as an array of API names ["officer","reviewer"]. */
json_t *json_roles(unsigned roles);
/* {id, username, display_name, agency_id, person_id, roles,
 *  must_change_password, disabled}. Never the password hash. NULL when out of memory. */
json_t *json_user(const struct user *u);

#endif
