package dev.headroom.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alert rules in {@code deploy/prometheus} against their unit tests with the real {@code promtool}
 * (Debian package {@code prometheus}, which {@code .ci/run} installs). A missing promtool fails this test:
 * rules that were never evaluated are not tested rules.
 */
class AlertRulesIT {
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @Test
    void promtoolPassesEveryRuleTestAndEveryAlertHasOne() throws Exception {
        assertThat(Files.isExecutable(PROMTOOL)).as(PROMTOOL + " is missing: install the Debian package 'prometheus' (.ci/run does)")
                .isTrue();
        Path dir = ExternalProcess.deploy().resolve("prometheus");
        ExternalProcess.Result check = ExternalProcess.run(60, PROMTOOL.toString(), "check", "rules", dir.resolve("headroom-alerts.yml").toString());
        assertThat(check.exitCode()).as(check.output()).isZero();
        ExternalProcess.Result unit = ExternalProcess.run(60, PROMTOOL.toString(), "test", "rules", dir.resolve("headroom-alerts.test.yml").toString());
        assertThat(unit.exitCode()).as(unit.output()).isZero();
        assertThat(unit.output()).contains("SUCCESS");

        Set<String> alerts = matches(Files.readString(dir.resolve("headroom-alerts.yml")), "- alert: (\\w+)");
        Set<String> tested = matches(Files.readString(dir.resolve("headroom-alerts.test.yml")), "alertname: (\\w+)");
        assertThat(alerts).containsExactlyInAnyOrder("HeadroomModelCapacityLost", "HeadroomModelNoLongerServed",
                "HeadroomGpuMemoryHeadroomLow", "HeadroomHostMemoryHeadroomLow", "HeadroomProbeFailing", "HeadroomProbeStale",
                "HeadroomDown");
        assertThat(tested).containsAll(alerts);
    }

    private static Set<String> matches(String text, String regex) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
