/* Command-line parsing: modes, values, and one-line errors. */
#include "test.h"
#include "vitrine/cli.h"

static cli_status parse(cli_options *o, char err[CLI_ERR_LEN], int argc, char **argv)
{
    return cli_parse(argc, argv, o, err);
}

static void modes_and_values(void)
{
    cli_options o;
    char err[CLI_ERR_LEN];
    char *a[] = {"vitrine", "--dump-stats", "--data", "d", "--now=2026-08-20"};
    CHECK_INT(parse(&o, err, 5, a), CLI_OK);
    CHECK_INT(o.mode, CLI_MODE_DUMP_STATS);
    CHECK_STR(o.data_dir, "d");
    CHECK(o.offline); /* --data implies offline */
    CHECK_INT(o.now, date_parse("2026-08-20"));
    char *b[] = {"vitrine", "--render-slides", "out", "--size", "1080x1920"};
    CHECK_INT(parse(&o, err, 5, b), CLI_OK);
    CHECK_INT(o.mode, CLI_MODE_RENDER);
    CHECK_INT(o.width, 1080);
    CHECK_INT(o.height, 1920);
    char *c[] = {"vitrine"};
    CHECK_INT(parse(&o, err, 1, c), CLI_OK);
    CHECK_INT(o.mode, CLI_MODE_KIOSK);
    CHECK_INT(o.now, DATE_NONE);
    char *d[] = {"vitrine", "--status", "--config", "/etc/vitrine/vitrine.json"};
    CHECK_INT(parse(&o, err, 4, d), CLI_OK);
    CHECK_INT(o.mode, CLI_MODE_STATUS);
    CHECK_STR(o.config, "/etc/vitrine/vitrine.json");
    CHECK(strstr(cli_usage(), "--status") != NULL);
}

static void errors_name_the_option(void)
{
    cli_options o;
    char err[CLI_ERR_LEN];
    char *a[] = {"vitrine", "--now", "2026-02-30"};
    CHECK_INT(parse(&o, err, 3, a), CLI_ERROR);
    CHECK(strstr(err, "--now") != NULL);
    char *b[] = {"vitrine", "--data"};
    CHECK_INT(parse(&o, err, 2, b), CLI_ERROR);
    CHECK(strstr(err, "missing value") != NULL);
    char *c[] = {"vitrine", "--frobnicate"};
    CHECK_INT(parse(&o, err, 2, c), CLI_ERROR);
    CHECK(strstr(err, "--frobnicate") != NULL);
    char *d[] = {"vitrine", "--size", "10x"};
    CHECK_INT(parse(&o, err, 3, d), CLI_ERROR);
    char *e[] = {"vitrine", "--dump-stats", "--render-slides", "x"};
    CHECK_INT(parse(&o, err, 4, e), CLI_ERROR);
    char *f[] = {"vitrine", "--offline=yes"};
    CHECK_INT(parse(&o, err, 2, f), CLI_ERROR);
    char *g[] = {"vitrine", "--now", "2026-08-20T25:00"};
    CHECK_INT(parse(&o, err, 3, g), CLI_ERROR);
    char *g2[] = {"vitrine", "--now", "2026-08-20T10:00:00"};
    CHECK_INT(parse(&o, err, 3, g2), CLI_ERROR);
    char *g3[] = {"vitrine", "--now", "2026-08-20T10:00"}; /* a minute of --now's day */
    CHECK_INT(parse(&o, err, 3, g3), CLI_OK);
    CHECK_INT(o.now_minute, 600);
    char *g4[] = {"vitrine", "--now", "2026-08-20"};
    CHECK_INT(parse(&o, err, 3, g4), CLI_OK);
    CHECK_INT(o.now_minute, -1);
    char *h[] = {"vitrine", "--status", "--check-config"};
    CHECK_INT(parse(&o, err, 3, h), CLI_ERROR);
    CHECK(strstr(err, "only one mode") != NULL);
    char *i[] = {"vitrine", "--status=yes"};
    CHECK_INT(parse(&o, err, 2, i), CLI_ERROR);
    CHECK(strstr(err, "--status: takes no value") != NULL);
}

int main(void)
{
    RUN(modes_and_values);
    RUN(errors_name_the_option);
    return test_report();
}
