/* grid: the overview's maths, with no SDL so it is unit-tested. n cells of
 * a given aspect (the slides'), each with a label band under it, laid out
 * in the columns and rows that make them largest within an area, centred
 * there; cells fill rows left to right, the last row may be short. The
 * selection moves through the cells with wrapping: Left/Right step through
 * the reading order (the last cell's right is the first), Up/Down stay in
 * the column and go round it (past the bottom back to the top). */
#ifndef VITRINE_GRID_H
#define VITRINE_GRID_H

#include <stddef.h>

#define GRID_MAX_CELLS 64 /* more are not laid out (the playlist's maximum) */

typedef struct {
    int x, y, w, h;
} grid_rect;

typedef struct {
    size_t n; /* cells laid out (at most GRID_MAX_CELLS) */
    int cols, rows;
    int cell_w, cell_h; /* one thumbnail, without its label */
    int label_h;        /* the band under each thumbnail */
    int gap;            /* between cells, both ways */
    int x, y;           /* top left of the grid, centred in the area */
} grid_layout;

typedef enum { GRID_LEFT, GRID_RIGHT, GRID_UP, GRID_DOWN } grid_move_dir;

/* Lays out n cells of aspect aspect_w:aspect_h (both > 0) in area, each with
 * label_h pixels under it and gap pixels between cells. An empty area or
 * n == 0 gives a layout of 0 cells. */
grid_layout grid_plan(size_t n, grid_rect area, int aspect_w, int aspect_h, int label_h, int gap);
/* Thumbnail rectangle of cell i (its label is the label_h band under it);
 * {0} when i is out of range. */
grid_rect grid_cell(const grid_layout *g, size_t i);
/* Label band of cell i. */
grid_rect grid_label(const grid_layout *g, size_t i);
/* The cell the selection goes to from i (i itself with 0 cells). */
size_t grid_move(const grid_layout *g, size_t i, grid_move_dir dir);

#endif
