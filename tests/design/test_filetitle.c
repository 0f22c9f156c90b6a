/* A poster's title from its file name: "03-demo-day.png" -> "Demo Day". */
#include <string.h>

#include "test.h"
#include "vitrine/filetitle.h"

static const char *title(const char *file)
{
    static char b[128];
    filetitle_make(file, b, sizeof b);
    return b;
}

static void number_extension_and_separators_go(void)
{
    CHECK_STR(title("03-demo-day.png"), "Demo Day");
    CHECK_STR(title("1_journee_portes_ouvertes.jpeg"), "Journee Portes Ouvertes");
    CHECK_STR(title("2024 -- bilan.annuel.PNG"), "Bilan Annuel");
    CHECK_STR(title("welcome.png"), "Welcome");
    CHECK_STR(title("zz-second.png"), "Zz Second");
    CHECK_STR(title("/srv/affiches/07-tiny.png"), "Tiny");
}

static void french_letters_and_little_words(void)
{
    CHECK_STR(title("été-de-l-innovation.png"), "Été de l\u2019Innovation");
    CHECK_STR(title("semaine-d-accueil.png"), "Semaine d\u2019Accueil");
    CHECK_STR(title("l.png"), "L");
    CHECK_STR(title("la-fête-des-communs.jpg"), "La Fête des Communs");
    CHECK_STR(title("écoles.png"), "Écoles");
}

static void what_is_kept(void)
{
    CHECK_STR(title("2026.png"), "2026");                       /* a number alone is the title */
    CHECK_STR(title("demo-2026.png"), "Demo 2026");             /* not a leading number */
    CHECK_STR(title("3d-print.png"), "3d Print");               /* a number glued to a word stays */
    CHECK_STR(title("notes.backup-copy"), "Notes Backup Copy"); /* no extension of 11 */
    CHECK_STR(title(".png"), "Png");
    CHECK_STR(title(""), "");
    CHECK_STR(title(NULL), "");
    CHECK_STR(title("--.png"), "");
}

static void cut_on_a_character_boundary(void)
{
    char b[8];
    CHECK_INT(filetitle_make("01-été-été.png", b, sizeof b), 5); /* no half "é", no space */
    CHECK_STR(b, "Été");
    char one[1];
    CHECK_INT(filetitle_make("demo.png", one, sizeof one), 0);
    CHECK_STR(one, "");
    CHECK_INT(filetitle_make("demo.png", b, 0), 0);
}

int main(void)
{
    RUN(number_extension_and_separators_go);
    RUN(french_letters_and_little_words);
    RUN(what_is_kept);
    RUN(cut_on_a_character_boundary);
    return test_report();
}
