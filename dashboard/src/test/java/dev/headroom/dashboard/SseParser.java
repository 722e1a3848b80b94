package dev.headroom.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal server-sent events parser (the WHATWG "event stream interpretation" for the fields this
 * server writes: {@code event}, {@code data}, {@code retry}), fed chunk by chunk as they arrive.
 */
public final class SseParser {
    /** One dispatched event. */
    public record Event(String name, String data) {
    }

    private final StringBuilder pending = new StringBuilder();
    private final List<Event> events = new ArrayList<>();
    private String name = "message";
    private final StringBuilder data = new StringBuilder();
    private long retryMillis = -1;

    public synchronized void feed(String chunk) {
        pending.append(chunk);
        int nl;
        while ((nl = pending.indexOf("\n")) >= 0) {
            String line = pending.substring(0, nl);
            pending.delete(0, nl + 1);
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    events.add(new Event(name, data.substring(0, data.length() - 1)));
                }
                name = "message";
                data.setLength(0);
            } else if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data.append(line.substring(6)).append('\n');
            } else if (line.startsWith("retry: ")) {
                retryMillis = Long.parseLong(line.substring(7));
            }
        }
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    public synchronized List<Event> named(String n) {
        return events.stream().filter(e -> e.name().equals(n)).toList();
    }

    public synchronized long retryMillis() {
        return retryMillis;
    }
}
