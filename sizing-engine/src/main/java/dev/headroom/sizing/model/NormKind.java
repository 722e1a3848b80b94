package dev.headroom.sizing.model;

/** Normalisation layers: RMSNorm has a weight vector, LayerNorm a weight and a bias. */
public enum NormKind {
    RMS(1),
    LAYER(2);

    private final int vectorsPerNorm;

    NormKind(int vectorsPerNorm) {
        this.vectorsPerNorm = vectorsPerNorm;
    }

    /** Parameters per norm, in units of the hidden size. */
    public int vectorsPerNorm() {
        return vectorsPerNorm;
    }
}
