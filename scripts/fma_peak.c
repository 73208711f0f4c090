/*
 * FP32 FMA peak of this machine: each thread runs CHAINS independent vfmadd chains on
 * 512-bit (or 256-bit) vectors for a fixed time; FLOPs = 2 x lanes x FMAs.
 *
 *   gcc -O3 -mavx512f -mfma -fopenmp scripts/fma_peak.c -o /tmp/fma_peak && /tmp/fma_peak
 *
 * Prints GFLOP/s for 1 and 2 threads, AVX-512 and AVX2 (best of 5 runs of about 0.4 s each).
 */
#include <immintrin.h>
#include <omp.h>
#include <stdio.h>

#define CHAINS 12 /* > latency (4) x FMA pipes (2); 12 + 2 constants fit in 16 ymm registers */
#define ITERS 200000000L

static double now(void) { return omp_get_wtime(); }

__attribute__((noinline)) static float run512(long iters) {
    __m512 acc[CHAINS];
    for (int c = 0; c < CHAINS; c++) acc[c] = _mm512_set1_ps(1.0f + c * 1e-3f);
    const __m512 a = _mm512_set1_ps(0.999999f), b = _mm512_set1_ps(1e-7f);
    for (long i = 0; i < iters; i++)
        for (int c = 0; c < CHAINS; c++) acc[c] = _mm512_fmadd_ps(acc[c], a, b);
    __m512 s = acc[0];
    for (int c = 1; c < CHAINS; c++) s = _mm512_add_ps(s, acc[c]);
    return _mm512_reduce_add_ps(s);
}

__attribute__((noinline)) static float run256(long iters) {
    __m256 acc[CHAINS];
    for (int c = 0; c < CHAINS; c++) acc[c] = _mm256_set1_ps(1.0f + c * 1e-3f);
    const __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-7f);
    for (long i = 0; i < iters; i++)
        for (int c = 0; c < CHAINS; c++) acc[c] = _mm256_fmadd_ps(acc[c], a, b);
    __m256 s = acc[0];
    for (int c = 1; c < CHAINS; c++) s = _mm256_add_ps(s, acc[c]);
    float o[8];
    _mm256_storeu_ps(o, s);
    return o[0] + o[1] + o[2] + o[3] + o[4] + o[5] + o[6] + o[7];
}

static double measure(int threads, int wide) {
    double best = 0;
    volatile float sink = 0;
    for (int rep = 0; rep < 5; rep++) {
        double t0 = now();
        long iters = ITERS;
#pragma omp parallel num_threads(threads) reduction(+ : sink)
        sink += wide ? run512(iters) : run256(iters);
        double t = now() - t0;
        double flops = 2.0 * (wide ? 16 : 8) * CHAINS * (double) iters * threads;
        if (flops / t > best) best = flops / t;
    }
    return best / 1e9;
}

int main(void) {
    printf("AVX-512 FMA, 1 thread : %6.1f GFLOP/s\n", measure(1, 1));
    printf("AVX-512 FMA, 2 threads: %6.1f GFLOP/s\n", measure(2, 1));
    printf("AVX2    FMA, 1 thread : %6.1f GFLOP/s\n", measure(1, 0));
    printf("AVX2    FMA, 2 threads: %6.1f GFLOP/s\n", measure(2, 0));
    return 0;
}
