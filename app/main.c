/* main: wires the modules together for each mode. No logic of its own. */
#include <stdio.h>
#include <stdlib.h>

#include "vitrine/cli.h"
#include "vitrine/datadir.h"
#include "vitrine/log.h"
#include "vitrine/stats.h"
#include "vitrine/statsjson.h"

enum { EXIT_BAD_INPUT = 2, EXIT_DEMO = 3 };

static int dump_stats(const cli_options *opt)
{
    char err[DATADIR_ERR_LEN];
    model *m = NULL;
    if (!opt->data_dir) {
        fprintf(stderr, "vitrine: --dump-stats needs --data DIR\n");
        return EXIT_BAD_INPUT;
    }
    if (datadir_load(opt->data_dir, &m, err) != DATADIR_OK) {
        fprintf(stderr, "vitrine: %s\n", err);
        return EXIT_BAD_INPUT;
    }
    vt_date now = opt->now != DATE_NONE ? opt->now : date_today();
    stats *s = stats_compute(m, now);
    char *json = s ? statsjson_print(s) : NULL;
    int rc = EXIT_SUCCESS;
    if (json) {
        fputs(json, stdout);
        fputc('\n', stdout);
    } else {
        fprintf(stderr, "vitrine: out of memory computing statistics\n");
        rc = EXIT_FAILURE;
    }
    free(json);
    stats_free(s);
    model_free(m);
    return rc;
}

int main(int argc, char **argv)
{
    cli_options opt;
    char err[CLI_ERR_LEN];
    if (cli_parse(argc, argv, &opt, err) != CLI_OK) {
        fprintf(stderr, "vitrine: %s\n", err);
        return EXIT_BAD_INPUT;
    }
    if (opt.verbose)
        log_set_level(LOG_DEBUG);
    switch (opt.mode) {
    case CLI_MODE_HELP:
        fputs(cli_usage(), stdout);
        return EXIT_SUCCESS;
    case CLI_MODE_VERSION:
        printf("vitrine %s\n", VITRINE_VERSION);
        return EXIT_SUCCESS;
    case CLI_MODE_DUMP_STATS:
        return dump_stats(&opt);
    default:
        fprintf(stderr, "vitrine: this mode is not available in this build\n");
        return EXIT_BAD_INPUT;
    }
}
