/**
 * The Prometheus view of the live state: Micrometer meters named by Prometheus conventions (prefix
 * {@code headroom_}, base units, {@code _bytes}, {@code _ratio}, {@code _info}), documented with their
 * labels and cardinality bounds in {@code docs/metrics.md}.
 */
package dev.headroom.dashboard.metrics;
