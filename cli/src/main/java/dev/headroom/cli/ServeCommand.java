package dev.headroom.cli;

import dev.headroom.dashboard.DashboardConfig;
import dev.headroom.dashboard.DashboardServer;
import dev.headroom.dashboard.ShutdownOnSignal;
import dev.headroom.dashboard.WatchItem;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code headroom serve}: the live dashboard, the JSON API and Prometheus {@code /metrics} (docs/dashboard.md). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a live dashboard of this machine, a JSON API and Prometheus /metrics.",
            "Stops cleanly on SIGTERM or Ctrl-C. See docs/dashboard.md and docs/metrics.md."})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = DashboardConfig.DEFAULT_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes it to the network).")
    String host;

    @Option(names = "--port", defaultValue = "" + DashboardConfig.DEFAULT_PORT,
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--token", defaultValue = "${env:" + DashboardConfig.TOKEN_ENV + "}",
            description = "Bearer token required on everything but /metrics (default: $" + DashboardConfig.TOKEN_ENV + "; none).")
    String token;

    @Option(names = "--allowed-hosts", split = ",", paramLabel = "NAME",
            description = "Host header names answered besides localhost, 127.0.0.1, [::1] and the --host address"
                    + " (e.g. a reverse proxy's name; * for any). Default: those only on a loopback --host, any otherwise.")
    List<String> allowedHosts;

    @Option(names = "--watch", split = ",", paramLabel = "MODEL:PRECISION:CONTEXT|MODEL::batch=N",
            description = "Deployments exported as headroom_model_* metrics (LLMs) or headroom_workload_* metrics (other domains,"
                    + " e.g. resnet-50::batch=8::resolution=640), at most " + DashboardConfig.MAX_WATCH
                    + " (default: llama-3-8b:Q4_K_M:8192, llama-3-8b:Q8_0:8192, mistral-7b:Q4_K_M:8192, "
                    + "mixtral-8x7b:Q4_K_M:8192, llama-3-70b:Q4_K_M:8192).")
    List<String> watch;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @picocli.CommandLine.Mixin
    MachineOptions machineOptions = new MachineOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DashboardConfig config = config();
        DashboardServer server;
        if (machineOptions.local()) {
            server = DashboardServer.start(config, !machineOptions.noCalibration);
        } else {
            dev.headroom.advisor.Machines machines = dev.headroom.advisor.Machines.standard();
            server = DashboardServer.startStatic(config, machineOptions.machine(machines), machines);
        }
        out.println("headroom: serving " + server.url() + " (Prometheus: " + server.url() + "metrics; stop with Ctrl-C)");
        server.warnings().forEach(w -> err.println("headroom: warning: " + w));
        if (!isLoopback(config.host()) && !config.requiresToken()) {
            err.println("headroom: warning: listening on " + config.host() + " without a token; anyone who can reach"
                    + " this port sees this machine's hardware. Set --token or $" + DashboardConfig.TOKEN_ENV + ".");
        }
        out.flush();
        err.flush();
        ShutdownOnSignal.awaitShutdown(server, out);
        return ExitCodes.OK;
    }

    /** The configuration the options describe; throws IllegalArgumentException naming every bad option. */
    DashboardConfig config() {
        List<WatchItem> items = DashboardConfig.DEFAULT_WATCH;
        if (watch != null && !watch.isEmpty()) {
            items = new ArrayList<>();
            for (String w : watch) {
                items.add(WatchItem.parse(w));
            }
        }
        if (token != null && token.isEmpty()) {
            // An empty --token (or $HEADROOM_TOKEN) would otherwise start without authentication, silently.
            throw new IllegalArgumentException("token: empty; give at least " + DashboardConfig.MIN_TOKEN_CHARS
                    + " characters (e.g. openssl rand -hex 16), or leave --token and $" + DashboardConfig.TOKEN_ENV
                    + " unset to serve without one");
        }
        return DashboardConfig.defaults().withHost(host).withPort(port).withToken(token == null ? "" : token)
                .withWatch(items).withAllowedHosts(allowedHosts == null ? List.of() : allowedHosts).validate();
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
