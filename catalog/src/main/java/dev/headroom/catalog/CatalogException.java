package dev.headroom.catalog;

import java.util.List;

/** Catalog data that cannot be used, with every problem found (file, entry and field named in each). */
public final class CatalogException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public CatalogException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
