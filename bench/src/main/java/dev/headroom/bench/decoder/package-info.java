/**
 * A synthetic Llama-shaped decoder in Java (random weights, real shapes and formats) whose measured
 * tokens/s is compared with the engine's prediction from this machine's calibration.
 */
package dev.headroom.bench.decoder;
