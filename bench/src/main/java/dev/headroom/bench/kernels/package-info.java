/**
 * Inference kernels in Java over real GGML block layouts (F32, F16, Q8_0, Q4_0 and a K-quant-like
 * super-block layout): dot products, matrix-vector and matrix-matrix products, F16 conversion. A Vector
 * API implementation ({@code jdk.incubator.vector}) is used when the module is present and a scalar one
 * otherwise. The benchmarks and the synthetic decoder both run these.
 */
package dev.headroom.bench.kernels;
