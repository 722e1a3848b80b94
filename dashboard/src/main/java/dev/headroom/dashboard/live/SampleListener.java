package dev.headroom.dashboard.live;

/**
 * Told about each sample on the sampler's thread; implementations must return quickly (hand work to
 * their own threads) because every listener shares the one sampler.
 */
public interface SampleListener {
    /** A new state was published. */
    default void published(LiveState state) {
    }

    /** One sample (reading plus sizing) took {@code nanos}. */
    default void timed(long nanos) {
    }

    /** A sample failed; the previous state stays current. */
    default void failed(Throwable error) {
    }
}
