/* cli: parses the command line into cli_options; reports the first bad
 * option in one line. */
#include "vitrine/cli.h"

#include <stdio.h>
#include <string.h>

#define CLI_MAX_SIDE 16384

static const char USAGE[] =
    "Usage: vitrine [OPTIONS]\n"
    "Lobby screen of the beta.gouv.fr incubator: cycles through the network's\n"
    "statistics full screen. With no option it runs the kiosk.\n"
    "\n"
    "Modes:\n"
    "  (none)                 run the kiosk (full screen)\n"
    "  --dump-stats           print the statistics as JSON and exit\n"
    "  --render-slides DIR    write every slide as PNG into DIR and exit\n"
    "  --check-config         validate and print the effective configuration\n"
    "  --status               print the running kiosk's status (JSON) and exit\n"
    "  --accept FEED          take in FEED's body held as implausible (startups,\n"
    "                         authors, incubators, defis, personnes) as its last\n"
    "                         good copy; a running kiosk shows it at once\n"
    "  --help, -h             show this help\n"
    "  --version              show the version\n"
    "\n"
    "Options:\n"
    "  --data DIR             read feeds from a data dir (betagouv/*.json,\n"
    "                         eig/*.json); implies --offline\n"
    "  --config FILE          configuration file (JSON)\n"
    "  --offline              never open a network connection\n"
    "  --now YYYY-MM-DD       compute figures as of this date (default: today);\n"
    "                         YYYY-MM-DDTHH:MM also sets the minute the announcements'\n"
    "                         windows are checked at by --render-slides (default: noon)\n"
    "  --size WxH             window or PNG size (e.g. 1920x1080)\n"
    "  --windowed             run in a window instead of full screen\n"
    "  --verbose              log debug messages\n"
    "\n"
    "Exit status: 0 ok, 1 no kiosk running (--status) or nothing to accept (--accept),\n"
    "2 bad input or configuration, "
    "3 demo data stood in.\n";

const char *cli_usage(void)
{
    return USAGE;
}

static bool parse_size(const char *s, int *w, int *h)
{
    int n = 0;
    if (sscanf(s, "%dx%d%n", w, h, &n) != 2 || s[n] != '\0')
        return false;
    return *w > 0 && *h > 0 && *w <= CLI_MAX_SIDE && *h <= CLI_MAX_SIDE;
}

/* Splits "--opt=value"; returns the value part or NULL. */
static const char *inline_value(const char *arg, char *name, size_t namesz)
{
    const char *eq = strchr(arg, '=');
    size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
    snprintf(name, namesz, "%.*s", (int)n, arg);
    return eq ? eq + 1 : NULL;
}

static bool set_mode(cli_options *opt, cli_mode mode, const char *name, char err[CLI_ERR_LEN])
{
    if (opt->mode != CLI_MODE_KIOSK && opt->mode != mode) {
        snprintf(err, CLI_ERR_LEN, "%s: only one mode may be given", name);
        return false;
    }
    opt->mode = mode;
    return true;
}

typedef enum { OPT_FLAG, OPT_VALUE } opt_kind;

/* "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM" (the announcements' windows of
 * --render-slides at that minute). */
static bool parse_now(const char *val, cli_options *opt)
{
    size_t len = strlen(val);
    opt->now_minute = -1;
    if ((opt->now = date_parse(val)) == DATE_NONE || (len != 10 && len != 16))
        return false;
    if (len == 10)
        return true;
    const char *t = val + 10;
    bool digits = t[1] >= '0' && t[1] <= '9' && t[2] >= '0' && t[2] <= '9' && t[4] >= '0' &&
                  t[4] <= '9' && t[5] >= '0' && t[5] <= '9';
    int h = (t[1] - '0') * 10 + (t[2] - '0'), m = (t[4] - '0') * 10 + (t[5] - '0');
    if (t[0] != 'T' || t[3] != ':' || !digits || h > 23 || m > 59)
        return false;
    opt->now_minute = h * 60 + m;
    return true;
}

static bool apply(cli_options *opt, const char *name, const char *val, char err[CLI_ERR_LEN])
{
    if (strcmp(name, "--data") == 0)
        opt->data_dir = val, opt->offline = true;
    else if (strcmp(name, "--config") == 0)
        opt->config = val;
    else if (strcmp(name, "--accept") == 0) {
        opt->accept = val;
        return set_mode(opt, CLI_MODE_ACCEPT, name, err);
    } else if (strcmp(name, "--render-slides") == 0) {
        opt->render_dir = val;
        return set_mode(opt, CLI_MODE_RENDER, name, err);
    } else if (strcmp(name, "--now") == 0) {
        if (!parse_now(val, opt)) {
            snprintf(err, CLI_ERR_LEN,
                     "--now: '%s' is not a date YYYY-MM-DD or a local time YYYY-MM-DDTHH:MM", val);
            return false;
        }
    } else if (strcmp(name, "--size") == 0) {
        if (!parse_size(val, &opt->width, &opt->height)) {
            snprintf(err, CLI_ERR_LEN, "--size: '%s' is not WIDTHxHEIGHT (e.g. 1920x1080)", val);
            return false;
        }
    }
    return true;
}

static bool apply_flag(cli_options *opt, const char *name, char err[CLI_ERR_LEN])
{
    if (strcmp(name, "--dump-stats") == 0)
        return set_mode(opt, CLI_MODE_DUMP_STATS, name, err);
    if (strcmp(name, "--check-config") == 0)
        return set_mode(opt, CLI_MODE_CHECK_CONFIG, name, err);
    if (strcmp(name, "--status") == 0)
        return set_mode(opt, CLI_MODE_STATUS, name, err);
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
        opt->mode = CLI_MODE_HELP;
    else if (strcmp(name, "--version") == 0)
        opt->mode = CLI_MODE_VERSION;
    else if (strcmp(name, "--offline") == 0)
        opt->offline = true;
    else if (strcmp(name, "--windowed") == 0)
        opt->windowed = true;
    else if (strcmp(name, "--verbose") == 0)
        opt->verbose = true;
    return true;
}

static int kind_of(const char *name)
{
    static const char *const values[] = {"--data", "--config", "--render-slides",
                                         "--now",  "--size",   "--accept"};
    static const char *const flags[] = {"--dump-stats", "--check-config", "--status",  "--help",
                                        "-h",           "--version",      "--offline", "--windowed",
                                        "--verbose"};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++)
        if (strcmp(name, values[i]) == 0)
            return OPT_VALUE;
    for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
        if (strcmp(name, flags[i]) == 0)
            return OPT_FLAG;
    return -1;
}

cli_status cli_parse(int argc, char **argv, cli_options *opt, char err[CLI_ERR_LEN])
{
    *opt = (cli_options){.mode = CLI_MODE_KIOSK, .now = DATE_NONE, .now_minute = -1};
    err[0] = '\0';
    for (int i = 1; i < argc; i++) {
        char name[64];
        const char *val = inline_value(argv[i], name, sizeof name);
        int kind = kind_of(name);
        if (kind < 0) {
            snprintf(err, CLI_ERR_LEN, "%s: unknown option (see --help)", argv[i]);
            return CLI_ERROR;
        }
        if (kind == OPT_FLAG) {
            if (val) {
                snprintf(err, CLI_ERR_LEN, "%s: takes no value", name);
                return CLI_ERROR;
            }
            if (!apply_flag(opt, name, err))
                return CLI_ERROR;
            continue;
        }
        if (!val) {
            if (i + 1 >= argc) {
                snprintf(err, CLI_ERR_LEN, "%s: missing value", name);
                return CLI_ERROR;
            }
            val = argv[++i];
        }
        if (!*val) {
            snprintf(err, CLI_ERR_LEN, "%s: empty value", name);
            return CLI_ERROR;
        }
        if (!apply(opt, name, val, err))
            return CLI_ERROR;
    }
    return CLI_OK;
}
