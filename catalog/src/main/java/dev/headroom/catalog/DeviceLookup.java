package dev.headroom.catalog;

import java.util.List;

/** The answer to a device name a person typed ({@link AcceleratorCatalog#lookup}): one device, several, or none. */
public sealed interface DeviceLookup {
    /** The query names one configuration. */
    record Found(DeviceMatch match) implements DeviceLookup {
        public Found {
            if (match == null) {
                throw new IllegalArgumentException("found: match is required");
            }
        }
    }

    /**
     * The query fits several rows that differ in what matters (memory, or bandwidth/compute by more than
     * {@link AcceleratorCatalog#INTERCHANGEABLE}), e.g. "H100": PCIe, SXM5 and NVL.
     *
     * @param query the query as typed (shortened for display)
     * @param candidates the rows it fits, in catalog order
     */
    record Ambiguous(String query, List<AcceleratorSpec> candidates) implements DeviceLookup {
        public Ambiguous {
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * No row fits.
     *
     * @param query the query as typed (shortened for display)
     * @param suggestions the nearest names (with their valid memory configurations where the size was the
     *        problem), best first, at most five; empty when nothing is near
     */
    record Unknown(String query, List<String> suggestions) implements DeviceLookup {
        public Unknown {
            suggestions = List.copyOf(suggestions);
        }
    }
}
