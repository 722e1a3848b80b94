/** CPU facts beyond OSHI's: {@code /proc/cpuinfo} parsing (ARM core names) and the CPU half of the probe. */
package dev.headroom.probe.cpu;
