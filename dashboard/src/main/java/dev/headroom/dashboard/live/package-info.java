/**
 * The one shared sampler: every second it reads cheap live sources (CPU load ticks, available memory,
 * cgroup usage, GPU memory) into a {@link dev.headroom.probe.live.HostSample} (readers in hardware-probe), asks the advisor again what fits
 * when free memory moved, and publishes an immutable {@link dev.headroom.dashboard.live.LiveState} that the
 * page, the API, the event stream and {@code /metrics} all read. Nothing here runs per request or per client.
 */
package dev.headroom.dashboard.live;
