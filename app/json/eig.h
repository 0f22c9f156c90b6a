/* eig: parsers for the Entrepreneurs d'intérêt général files (defis.json,
 * personnes.json): objects keyed by name, or arrays of objects. With m NULL
 * they only check the shape and count records. */
#ifndef VITRINE_EIG_H
#define VITRINE_EIG_H

#include <cjson/cJSON.h>

#include "span.h"
#include "vitrine/model.h"
#include "vitrine/parse.h"

parse_status eig_parse_defis(model *m, const span *root, parse_result *res);
parse_status eig_parse_personnes(model *m, const span *root, parse_result *res);

#endif
