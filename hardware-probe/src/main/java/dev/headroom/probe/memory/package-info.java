/** Memory facts beyond OSHI's: container (cgroup v1/v2) limits and RAM modules from dmidecode. */
package dev.headroom.probe.memory;
