/* betagouv: parsers for the beta.gouv.fr API feeds (startups.json in the
 * v2.5, v2.6 and v2.7 shapes, authors.json, incubators.json). With m NULL
 * they only check the shape and count records (validation before caching). */
#ifndef VITRINE_BETAGOUV_H
#define VITRINE_BETAGOUV_H

#include <cjson/cJSON.h>

#include "span.h"
#include "vitrine/model.h"
#include "vitrine/parse.h"

parse_status betagouv_parse_startups(model *m, const span *root, parse_result *res);
parse_status betagouv_parse_authors(model *m, const span *root, parse_result *res);
parse_status betagouv_parse_incubators(model *m, const span *root, parse_result *res);

#endif
