/**
 * Cheap live readings of a machine for the server's sampler: host memory and CPU load (OSHI, cgroup files),
 * GPU memory and utilisation (nvidia-smi, JCuda), or the standing facts of a saved or described machine.
 * The probe owns every reading of the machine; the dashboard only schedules and publishes them.
 */
package dev.headroom.probe.live;
