/* main: wires the modules together for each mode. No logic of its own. */
#include <stdio.h>
#include <stdlib.h>

#include "vitrine/cli.h"
#include "vitrine/datadir.h"
#ifdef VITRINE_WITH_KIOSK
#include "vitrine/kiosk.h"
#endif
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

#ifdef VITRINE_WITH_KIOSK
static int run_kiosk(const cli_options *opt)
{
    kiosk_options ko = {.windowed = opt->windowed,
                        .width = opt->width,
                        .height = opt->height,
                        .data_dir = opt->data_dir,
                        .config_path = opt->config,
                        .now = opt->now};
    char err[KIOSK_ERR_LEN];
    kiosk *k = kiosk_new(&ko, err);
    if (!k) {
        fprintf(stderr, "vitrine: %s\n", err);
        return EXIT_FAILURE;
    }
    int rc = kiosk_run(k);
    kiosk_free(k);
    return rc;
}
#endif

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
    case CLI_MODE_HELP: fputs(cli_usage(), stdout); return EXIT_SUCCESS;
    case CLI_MODE_VERSION: printf("vitrine %s\n", VITRINE_VERSION); return EXIT_SUCCESS;
    case CLI_MODE_DUMP_STATS: return dump_stats(&opt);
#ifdef VITRINE_WITH_KIOSK
    case CLI_MODE_KIOSK: return run_kiosk(&opt);
#endif
    default:
        fprintf(stderr, "vitrine: this mode is not available in this build\n");
        return EXIT_BAD_INPUT;
    }
}
