package dev.headroom.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardConfigTest {
    @Test
    void defaultsBindLoopbackWithoutTokenAndABoundedWatchList() {
        DashboardConfig c = DashboardConfig.defaults();
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(9464);
        assertThat(c.requiresToken()).isFalse();
        assertThat(c.watch()).hasSizeBetween(1, DashboardConfig.MAX_WATCH);
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void validateReportsEveryProblemAtOnce() {
        List<WatchItem> tooMany = new ArrayList<>();
        for (int i = 1; i <= DashboardConfig.MAX_WATCH + 1; i++) {
            tooMany.add(WatchItem.parse("llama-3-8b:Q4_0:" + i));
        }
        DashboardConfig bad = DashboardConfig.defaults().withHost(" ").withPort(70000).withToken("short")
                .withWatch(tooMany).withSampleIntervalMillis(5).withMaxEventClients(0);
        assertThat(bad.problems()).hasSize(6);
        assertThatThrownBy(bad::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host").hasMessageContaining("port: must be within 0..65535, was 70000")
                .hasMessageContaining("token").hasMessageContaining("watch: at most 32")
                .hasMessageContaining("sample interval").hasMessageContaining("max event clients");
    }

    @Test
    void duplicateWatchEntriesAreRejected() {
        DashboardConfig c = DashboardConfig.defaults().withWatch(List.of(WatchItem.parse("gpt-2"), WatchItem.parse("gpt-2")));
        assertThat(c.problems()).containsExactly("watch: has duplicate entries");
    }

    @Test
    void tokensWithSpacesOrControlCharactersAreRejected() {
        assertThat(DashboardConfig.defaults().withToken("has a space in it").problems()).hasSize(1);
        assertThat(DashboardConfig.defaults().withToken("s3cret-token-123").problems()).isEmpty();
    }
}
