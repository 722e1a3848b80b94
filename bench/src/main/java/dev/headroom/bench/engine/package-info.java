/** JMH benchmarks of the sizing engine itself: one memory estimate, and a sweep of models x precisions x contexts. */
package dev.headroom.bench.engine;
