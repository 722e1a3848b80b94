/**
 * Runs ONNX models through ONNX Runtime's Java API on this machine's CPU and measures latency, throughput
 * and memory. Nothing outside {@code headroom bench --model} touches this package, so ONNX Runtime's
 * classes and native library load only there.
 */
package dev.headroom.bench.onnx;
