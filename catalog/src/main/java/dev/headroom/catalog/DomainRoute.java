package dev.headroom.catalog;

import java.util.List;
import java.util.Map;

/**
 * One row of the product brief's decision matrix: an input type and an output type lead to a domain
 * and the tasks whose models answer it.
 *
 * @param input input type id ({@code images}, {@code text}, {@code audio}, {@code time-series}, {@code tabular}, {@code video})
 * @param output output type id ({@code class-labels}, {@code generated-text}, {@code transcript}, ...)
 * @param domain the recommended domain
 * @param label the brief's wording of the domain
 * @param tasks catalog tasks that serve this route
 * @param domains catalog domains searched (the domain itself unless the brief names several)
 * @param hints words of the user's text that narrow the tasks ({@code code} to {@code code-generation})
 */
public record DomainRoute(String input, String output, String domain, String label, List<String> tasks, List<String> domains,
                          Map<String, String> hints) {
    public DomainRoute {
        tasks = List.copyOf(tasks);
        domains = domains == null || domains.isEmpty() ? List.of(domain) : List.copyOf(domains);
        hints = Map.copyOf(hints);
    }
}
