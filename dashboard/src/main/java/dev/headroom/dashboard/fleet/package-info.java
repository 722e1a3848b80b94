/**
 * The fleet as Prometheus sees it: a client of the Prometheus HTTP API that reads the {@code headroom_*}
 * series every host's {@code headroom serve} exports (docs/metrics.md) into hosts and their GPUs, and a
 * placement of replicas onto them (the GPUs of one replica kept inside one host for tensor parallelism).
 */
package dev.headroom.dashboard.fleet;
