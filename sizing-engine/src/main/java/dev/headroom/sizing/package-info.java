/**
 * The sizing engine: pure arithmetic over model architectures, precisions and hardware profiles.
 *
 * <p>No I/O, no clocks, no native code, no dependency outside the JDK (the build enforces it). The same
 * inputs always give the same estimate. Sizes are {@code long} bytes, rates are {@code double} with
 * the unit in the name.
 */
package dev.headroom.sizing;
