package dev.headroom.probe.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.probe.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** cgroup trees; provenance in fixtures/README.md. */
class CgroupLimitsTest {
    static CgroupLimits read(String fixture) {
        Path root = Fixtures.path("cgroup/" + fixture);
        return CgroupLimits.read(root, Fixtures.text("cgroup/" + fixture + "/proc-self-cgroup"));
    }

    @Test
    void aV2ContainerWithFourGibAndOneAndAHalfCpus() {
        CgroupLimits l = read("v2-container-4g");
        assertThat(l.memoryLimitBytes()).isEqualTo(4L << 30);
        assertThat(l.memoryUsedBytes()).isEqualTo(1L << 30);
        assertThat(l.cpus()).isEqualTo(1.5);
        assertThat(l.memorySource()).endsWith("memory.max");
    }

    @Test
    void aLimitOnAParentSliceAppliesToTheProcessesBelowIt() {
        CgroupLimits l = read("v2-nested-slice");
        assertThat(l.memoryLimitBytes()).isEqualTo(8L << 30);
        assertThat(l.memoryUsedBytes()).isEqualTo(2L << 30);
        assertThat(l.memorySource()).contains("user.slice");
        assertThat(l.cpus()).isEqualTo(-1);
    }

    @Test
    void aV1DockerContainerMountedAtTheRootIsFoundDespiteItsForeignPath() {
        CgroupLimits l = read("v1-docker-2g");
        assertThat(l.memoryLimitBytes()).isEqualTo(2L << 30);
        assertThat(l.memoryUsedBytes()).isEqualTo(300L << 20);
        assertThat(l.cpus()).isEqualTo(0.5);
    }

    @Test
    void theV1UnlimitedSentinelAndANegativeQuotaMeanNoLimit() {
        // Captured on this CI machine: 9223372036854771712 bytes and cfs_quota_us = -1.
        CgroupLimits l = read("v1-unlimited");
        assertThat(l.memoryLimitBytes()).isEqualTo(-1);
        assertThat(l.cpus()).isEqualTo(-1);
    }

    @Test
    void unreadableProcSelfCgroupStillChecksTheRoot() {
        CgroupLimits l = CgroupLimits.read(Fixtures.path("cgroup/v2-container-4g"), null);
        assertThat(l.memoryLimitBytes()).isEqualTo(4L << 30);
    }

    @Test
    void pathsCannotEscapeTheCgroupRoot() {
        Path root = Path.of("/sys/fs/cgroup");
        assertThat(CgroupLimits.upFrom(root, "/../../etc")).containsExactly(root);
        assertThat(CgroupLimits.upFrom(root, "/a/b")).containsExactly(root.resolve("a/b"), root.resolve("a"), root);
    }
}
