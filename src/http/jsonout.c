/* jsonout.c - JSON views of model structs; see jsonout.h. */
#include "http/jsonout.h"

#include "domain/roles.h"

json_t *json_str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *json_roles(unsigned roles)
{
	json_t *arr = json_array();
	for (unsigned bit = 1; arr && bit <= ROLE_ALL_MASK; bit <<= 1) {
		const char *name = (roles & bit) ? roles_name(bit) : NULL;
		if (name && json_array_append_new(arr, json_string(name)) != 0) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

json_t *json_user(const struct user *u)
{
	return json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:b, s:b}",
			 "id", (json_int_t)u->id,
			 "username", u->username ? u->username : "",
			 "display_name", json_str_or_null(u->display_name),
			 "agency_id", u->agency_id ? json_integer(u->agency_id) : json_null(),
			 "person_id", u->person_id ? json_integer(u->person_id) : json_null(),
			 "roles", json_roles(u->roles),
			 "must_change_password", (int)u->must_change_password,
			 "disabled", (int)u->disabled);
}
