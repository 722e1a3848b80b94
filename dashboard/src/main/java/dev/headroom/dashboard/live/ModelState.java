package dev.headroom.dashboard.live;

/**
 * What a watched deployment is doing on this machine, one of four, decided in this order:
 * <ol>
 * <li>{@link #SERVING}: a model server on this host serves it ({@link Serving});</li>
 * <li>{@link #FITS_NOW}: it fits in the memory free now;</li>
 * <li>{@link #FITS_WHEN_IDLE}: it does not fit now, but fits on this machine when idle (other processes hold the memory);</li>
 * <li>{@link #DOES_NOT_FIT}: it does not fit even when idle: the machine lacks the capacity.</li>
 * </ol>
 */
public enum ModelState {
    SERVING("serving"),
    FITS_NOW("fits_now"),
    FITS_WHEN_IDLE("fits_when_idle"),
    DOES_NOT_FIT("does_not_fit");

    private final String label;

    ModelState(String label) {
        this.label = label;
    }

    /** The {@code state} label value and the JSON value. */
    public String label() {
        return label;
    }
}
