/*
 * STREAM-style bandwidth in C, written for headroom's calibration (not McCalpin's file, same rules):
 * arrays of N doubles far larger than the last-level cache, OpenMP static schedule (each thread a
 * contiguous share, first-touched by that thread), best of NTIMES passes after two warm-ups, bytes
 * counted as STREAM does: read 8, copy 16, triad 24 per element.
 * Usage: stream N NTIMES THREADS  -> prints "read <bytes/s>", "copy <bytes/s>", "triad <bytes/s>".
 */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: stream N NTIMES THREADS\n");
        return 2;
    }
    long n = atol(argv[1]);
    int times = atoi(argv[2]);
    int threads = atoi(argv[3]);
    if (n < 1024 || times < 1 || threads < 1) {
        fprintf(stderr, "bad arguments\n");
        return 2;
    }
    omp_set_num_threads(threads);
    double *a = malloc(n * sizeof(double)), *b = malloc(n * sizeof(double)), *c = malloc(n * sizeof(double));
    if (!a || !b || !c) {
        fprintf(stderr, "out of memory\n");
        return 3;
    }
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++) { a[i] = 1.0; b[i] = 2.0; c[i] = 0.5; }

    double best[3] = {1e30, 1e30, 1e30};
    volatile double sink = 0;
    for (int k = 0; k < times + 2; k++) {
        /* Four partial sums, as in headroom's Java read kernel: one accumulator would make the loop wait on
           floating-point add latency (4 cycles per element) instead of on memory. */
        double t0 = now(), s = 0;
#pragma omp parallel reduction(+:s)
        {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
#pragma omp for schedule(static)
            for (long i = 0; i < n - 3; i += 4) { s0 += a[i]; s1 += a[i + 1]; s2 += a[i + 2]; s3 += a[i + 3]; }
            s += s0 + s1 + s2 + s3;
        }
        for (long i = n - n % 4; i < n; i++) s += a[i];
        double t1 = now();
        sink += s;
#pragma omp parallel for schedule(static)
        for (long i = 0; i < n; i++) c[i] = a[i];
        double t2 = now();
#pragma omp parallel for schedule(static)
        for (long i = 0; i < n; i++) a[i] = b[i] + 3.0 * c[i];
        double t3 = now();
        if (k >= 2) {
            if (t1 - t0 < best[0]) best[0] = t1 - t0;
            if (t2 - t1 < best[1]) best[1] = t2 - t1;
            if (t3 - t2 < best[2]) best[2] = t3 - t2;
        }
    }
    printf("read %.6e\ncopy %.6e\ntriad %.6e\n", 8.0 * n / best[0], 16.0 * n / best[1], 24.0 * n / best[2]);
    fprintf(stderr, "checksum %f\n", sink + a[n / 2]);
    free(a); free(b); free(c);
    return 0;
}
