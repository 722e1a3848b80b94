/**
 * headroom's web server: a live page, a JSON API, a server-sent event stream and a Prometheus
 * {@code /metrics} endpoint, all fed by one shared sampler ({@link dev.headroom.dashboard.live.LiveSampler}).
 * {@link dev.headroom.dashboard.DashboardServer} composes the parts; {@link dev.headroom.dashboard.DashboardConfig}
 * says how it listens and what it watches.
 */
package dev.headroom.dashboard;
