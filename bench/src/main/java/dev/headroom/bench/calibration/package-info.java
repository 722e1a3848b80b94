/**
 * The calibration runner behind {@code headroom bench}: memory bandwidth (Java and a native STREAM-style
 * C program compiled on the spot), matrix-vector rates per weight format, FP32 GEMM, dispatch overhead,
 * turned into a {@link dev.headroom.sizing.calibration.Calibration} the engine uses.
 */
package dev.headroom.bench.calibration;
