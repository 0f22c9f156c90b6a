/* local: the programme data that no feed carries, taken from the seed
 * documents (coaching market, InserJeunes budget, incubator team, published
 * figures): assets/local/programme.json, embedded in the binary. */
#ifndef VITRINE_LOCAL_H
#define VITRINE_LOCAL_H

#include <cjson/cJSON.h>

#include "vitrine/model.h"
#include "vitrine/parse.h"

parse_status local_parse(model *m, const cJSON *root, parse_result *res);

#endif
