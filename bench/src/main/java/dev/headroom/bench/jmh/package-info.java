/**
 * JMH benchmarks of the calibration kernels, in the style of the JMH samples: mode, unit, warm-up,
 * measurement and forks stated on each class, results returned or sunk in a Blackhole, and a baseline
 * beside each measured case. Run: {@code java --add-modules jdk.incubator.vector -cp <bench classpath>
 * org.openjdk.jmh.Main 'dev.headroom.bench.jmh'} (forks inherit the module flag from {@code @Fork}).
 */
package dev.headroom.bench.jmh;
