package dev.headroom.dashboard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which {@code Host} headers the server answers. On a loopback address only loopback names
 * ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}), the bound address and {@code --allowed-hosts}
 * pass: a page on {@code evil.example} whose name was rebound to 127.0.0.1 (DNS rebinding) sends
 * {@code Host: evil.example} and is refused, so it cannot read a token-less loopback server. On a
 * non-loopback address (the user exposed the server on purpose) any name passes unless
 * {@code --allowed-hosts} lists them. {@code *} allows any.
 */
final class HostCheck {
    private final Set<String> names;
    private final boolean any;

    private HostCheck(Set<String> names, boolean any) {
        this.names = names;
        this.any = any;
    }

    static HostCheck of(DashboardConfig config) {
        Set<String> names = new LinkedHashSet<>(java.util.List.of("localhost", "127.0.0.1", "::1"));
        names.add(bare(config.host()));
        names.addAll(config.allowedHosts().stream().map(HostCheck::bare).toList());
        boolean any = config.allowedHosts().contains("*") || (config.allowedHosts().isEmpty() && !loopback(config.host()));
        return new HostCheck(names, any);
    }

    /** Whether a request with this {@code Host} header (null when absent) is answered. */
    boolean allows(String hostHeader) {
        if (any) {
            return true;
        }
        if (hostHeader == null || hostHeader.isBlank() || hostHeader.length() > 260) {
            return false;
        }
        return names.contains(bare(hostHeader));
    }

    String describe() {
        return String.join(", ", names);
    }

    /** The name without port, brackets or a trailing dot, lower case: {@code [::1]:9464} is {@code ::1}. */
    static String bare(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        if (colon >= 0 && colon == h.lastIndexOf(':')) {
            h = h.substring(0, colon);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(bare(host)).isLoopbackAddress();
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }
}
