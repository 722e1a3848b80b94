/**
 * Facts about this machine: CPU, memory, container limits and GPUs, each reading with its source.
 * Parsers are pure functions over captured text; acquisition (OSHI, JCuda, files, commands) is thin.
 * Nothing here throws past {@link dev.headroom.probe.SystemProbe#probe()}: a missing driver is a warning.
 */
package dev.headroom.probe;
