/**
 * Runs external commands (nvidia-smi, rocm-smi, sysctl, dmidecode) with a time limit and a bounded
 * output size. A missing command, a permission error, a non-zero exit or a hung process is an
 * {@link dev.headroom.probe.command.CommandOutcome} that says why, never an exception or a hang.
 */
package dev.headroom.probe.command;
