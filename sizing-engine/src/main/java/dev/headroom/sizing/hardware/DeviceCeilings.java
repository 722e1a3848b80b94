package dev.headroom.sizing.hardware;

import dev.headroom.sizing.provenance.Origin;

/**
 * The achievable rates of a device for inference, after efficiency (not the datasheet peaks).
 *
 * @param bandwidthBytesPerSecond achievable memory read bandwidth
 * @param flopsPerSecond achievable matrix throughput for the weight format in use
 * @param origin measured on this machine, or derived from a datasheet with default efficiencies
 * @param note how they were obtained
 */
public record DeviceCeilings(double bandwidthBytesPerSecond, double flopsPerSecond, Origin origin, String note) {
    public DeviceCeilings {
        if (!(bandwidthBytesPerSecond > 0) || Double.isInfinite(bandwidthBytesPerSecond)) {
            throw new IllegalArgumentException("bandwidthBytesPerSecond: must be positive, was " + bandwidthBytesPerSecond);
        }
        if (!(flopsPerSecond > 0) || Double.isInfinite(flopsPerSecond)) {
            throw new IllegalArgumentException("flopsPerSecond: must be positive, was " + flopsPerSecond);
        }
        note = note == null ? "" : note;
    }
}
