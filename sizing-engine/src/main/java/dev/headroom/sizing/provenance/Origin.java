package dev.headroom.sizing.provenance;

/** The kind of evidence behind a number, from strongest to weakest. */
public enum Origin {
    /** Measured on this machine (calibration, probe). */
    MEASURED,
    /** Read exactly from a model file header (GGUF, safetensors, config.json). */
    FILE,
    /** Computed exactly from an architecture by a formula named in the note. */
    COMPUTED,
    /** Taken from a vendor datasheet or a published table (the catalog cites it). */
    DATASHEET,
    /** A documented default or assumption, to be replaced by a measurement where possible. */
    DEFAULT
}
