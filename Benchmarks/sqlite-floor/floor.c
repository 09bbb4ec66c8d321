// The SQLite floor of a party import (issue 2, PLT-14): how fast SQLite itself — the very build
// SQLiteNIO vendors, called from C with one prepared statement per table reused for every row, no
// Swift, no SQLKit — writes the rows our import writes for 100,000 parties: the party, its search
// terms and its creation event (PLT-20), 5,000 parties a transaction, WAL, synchronous=NORMAL.
//
// The rows are read from a database that `fengqiao bench` filled (its party import), so they are
// exactly ours. Two schemas: ours (the source database's DDL, every index) and the least any
// import must keep (party primary key and the USCC's uniqueness of PLT-12, the audit sequence, and
// one (term, party) key per search term). Run with scripts/sqlite-floor.
#include "sqlite_nio_sqlite3.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#define S(x) sqlite_nio_##x

typedef struct { int n; char **v; int *len; int *type; } Row;

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }

static void ex(sqlite3 *db, const char *q) {
    char *e = 0;
    if (S(sqlite3_exec)(db, q, 0, 0, &e) != SQLITE_OK) { fprintf(stderr, "%s: %s\n", q, e); exit(1); }
}

static Row *load(sqlite3 *db, const char *q, int *count) {
    sqlite3_stmt *st;
    if (S(sqlite3_prepare_v2)(db, q, -1, &st, 0) != SQLITE_OK) { fprintf(stderr, "%s: %s\n", q, S(sqlite3_errmsg)(db)); exit(1); }
    int cap = 1 << 16, n = 0, cols = S(sqlite3_column_count)(st);
    Row *rows = malloc(sizeof(Row) * cap);
    while (S(sqlite3_step)(st) == SQLITE_ROW) {
        if (n == cap) { cap *= 2; rows = realloc(rows, sizeof(Row) * cap); }
        Row r = { cols, malloc(sizeof(char *) * cols), malloc(sizeof(int) * cols), malloc(sizeof(int) * cols) };
        for (int i = 0; i < cols; i++) {
            r.type[i] = S(sqlite3_column_type)(st, i);
            const unsigned char *t = S(sqlite3_column_text)(st, i);
            r.len[i] = S(sqlite3_column_bytes)(st, i);
            if (t) { r.v[i] = malloc(r.len[i] + 1); memcpy(r.v[i], t, r.len[i] + 1); } else r.v[i] = 0;
        }
        rows[n++] = r;
    }
    S(sqlite3_finalize)(st);
    *count = n;
    return rows;
}

static void bind(sqlite3_stmt *st, const Row *r, int from) {
    for (int i = from; i < r->n; i++) {
        int k = i - from + 1;
        if (!r->v[i]) S(sqlite3_bind_null)(st, k);
        else if (r->type[i] == SQLITE_INTEGER) S(sqlite3_bind_int64)(st, k, atoll(r->v[i]));
        else S(sqlite3_bind_text)(st, k, r->v[i], r->len[i], SQLITE_STATIC);
    }
}

static void step(sqlite3 *db, sqlite3_stmt *st) {
    if (S(sqlite3_step)(st) != SQLITE_DONE) { fprintf(stderr, "insert: %s\n", S(sqlite3_errmsg)(db)); exit(1); }
    S(sqlite3_reset)(st);
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: floor SOURCE.sqlite SCRATCH.sqlite\n"); return 2; }
    sqlite3 *src;
    if (S(sqlite3_open)(argv[1], &src) != SQLITE_OK) { fprintf(stderr, "cannot open %s\n", argv[1]); return 1; }
    int np, nt, na;
    Row *P = load(src, "SELECT * FROM parties ORDER BY created_at, id LIMIT 100000", &np);
    // Each chunk's terms in index order, as the import inserts them.
    Row *T = load(src, "SELECT party_id, term FROM party_terms WHERE party_id IN (SELECT id FROM parties ORDER BY created_at, id LIMIT 100000) ORDER BY term, party_id", &nt);
    Row *A = load(src, "SELECT * FROM audit_events WHERE action = 'party.create' ORDER BY seq LIMIT 100000", &na);
    if (np == 0 || na < np) { fprintf(stderr, "run `fengqiao bench` first: %d parties, %d creation events in %s\n", np, na, argv[1]); return 1; }
    printf("rows: %d parties, %d search terms, %d audit events (from %s)\n", np, nt, na, argv[1]);
    const char *names[] = { "our schema (every index)", "least schema (keys only)" };
    for (int run = 0; run < 4; run++) {
        int v = run / 2, withSearch = run % 2 == 0;
        char path[4096];
        for (int k = 0; k < 3; k++) {
            snprintf(path, sizeof path, "%s%s", argv[2], k == 0 ? "" : k == 1 ? "-wal" : "-shm");
            unlink(path);
        }
        sqlite3 *d;
        S(sqlite3_open)(argv[2], &d);
        ex(d, "PRAGMA journal_mode=WAL"); ex(d, "PRAGMA synchronous=NORMAL"); ex(d, "PRAGMA cache_size=-200000");
        if (v == 0) {
            sqlite3_stmt *st;
            S(sqlite3_prepare_v2)(src, "SELECT sql FROM sqlite_master WHERE tbl_name IN ('parties','party_terms','audit_events') AND sql IS NOT NULL "
                                       "ORDER BY type DESC", -1, &st, 0);
            while (S(sqlite3_step)(st) == SQLITE_ROW) ex(d, (const char *)S(sqlite3_column_text)(st, 0));
            S(sqlite3_finalize)(st);
        } else {
            ex(d, "CREATE TABLE parties (id TEXT PRIMARY KEY, kind, name, uscc TEXT UNIQUE, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21)");
            ex(d, "CREATE TABLE audit_events (seq INTEGER PRIMARY KEY, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14)");
            ex(d, "CREATE TABLE party_terms (party_id TEXT NOT NULL, term TEXT NOT NULL, PRIMARY KEY (term, party_id)) WITHOUT ROWID");
        }
        sqlite3_stmt *ip, *it, *ia;
        S(sqlite3_prepare_v2)(d, "INSERT INTO parties VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &ip, 0);
        S(sqlite3_prepare_v2)(d, "INSERT INTO party_terms (party_id, term) VALUES (?,?)", -1, &it, 0);
        S(sqlite3_prepare_v2)(d, "INSERT INTO audit_events VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &ia, 0);
        const int chunk = 5000, chunks = (np + chunk - 1) / chunk;
        double seconds = 0;
        for (int c = 0; c < chunks; c++) {
            double t0 = now();
            ex(d, "BEGIN");
            for (int j = c * chunk; j < (c + 1) * chunk && j < np; j++) { bind(ip, &P[j], 0); step(d, ip); }
            // The terms of 1/chunks of the parties, in index order: a chunk's share of the index.
            if (withSearch) for (int j = c; j < nt; j += chunks) { bind(it, &T[j], 0); step(d, it); }
            for (int j = c * chunk; j < (c + 1) * chunk && j < np; j++) { bind(ia, &A[j], 1); step(d, ia); }
            ex(d, "COMMIT");
            double t3 = now();
            seconds += t3 - t0;
        }
        S(sqlite3_close)(d);
        printf("%-26s %-22s %6.2f s = %7.0f parties/s\n", names[v], withSearch ? "with search terms" : "without search terms", seconds,
               np / seconds);
    }
    return 0;
}
