package dev.headroom.probe.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.probe.Fixtures;
import dev.headroom.probe.command.CommandRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each GPU source plugged into {@link GpuSourceContract}. */
class GpuSourceContractTests {
    static CommandRunner runner(Path bin) {
        return new CommandRunner(List.of(bin), Duration.ofSeconds(3));
    }

    @Nested
    class NvidiaSmi extends GpuSourceContract {
        @Override
        GpuSource seeingGpus(Path tmp) {
            // The field order of NvidiaSmiGpuSource.FIELDS, values of an RTX 4090 as nvidia-smi prints them.
            Fixtures.script(tmp, "nvidia-smi", "echo '0, NVIDIA GeForce RTX 4090, 24564, 23012, 8.9, 0x268410DE'");
            return new NvidiaSmiGpuSource(runner(tmp));
        }

        @Override
        GpuSource seeingNothing(Path tmp) {
            Fixtures.script(tmp, "nvidia-smi", "echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.'; exit 9");
            return new NvidiaSmiGpuSource(runner(tmp));
        }

        @Test
        void anOldDriverIsAskedAgainWithoutComputeCap() {
            Fixtures.script(tmp, "nvidia-smi", "case \"$*\" in *compute_cap*) cat '"
                    + Fixtures.path("nvidia-smi/driver-470-compute-cap-rejected.txt") + "'; exit 2;; esac\n"
                    + "echo '0, Tesla T4, 15109, 15102, 0x1EB810DE'");
            GpuReadings r = new NvidiaSmiGpuSource(runner(tmp)).read();
            assertThat(r.gpus()).singleElement().satisfies(g -> {
                assertThat(g.name()).isEqualTo("Tesla T4");
                assertThat(g.computeCapability()).isEmpty();
                assertThat(g.pciId()).isEqualTo("10de:1eb8");
                assertThat(g.memoryTotalBytes()).isEqualTo(15109L << 20);
            });
            assertThat(r.problems()).singleElement().asString().contains("too old for compute_cap");
        }
    }

    @Nested
    class RocmSmi extends GpuSourceContract {
        @Override
        GpuSource seeingGpus(Path tmp) {
            Fixtures.printing(tmp, "rocm-smi", "rocm-smi/rx7900xt-showproductname-showuse-meminfo.json");
            return new RocmSmiGpuSource(runner(tmp));
        }

        @Override
        GpuSource seeingNothing(Path tmp) {
            Fixtures.printing(tmp, "rocm-smi", "rocm-smi/two-rx6800-showmemuse.json");
            return new RocmSmiGpuSource(runner(tmp));
        }
    }

    @Nested
    class AmdSysfs extends GpuSourceContract {
        @Override
        GpuSource seeingGpus(Path tmp) {
            return new AmdSysfsGpuSource(Fixtures.path("sysfs/amd-navi21-and-raphael/class/drm"));
        }

        @Override
        GpuSource seeingNothing(Path tmp) {
            // An amdgpu card whose VRAM file holds garbage.
            try {
                Path device = java.nio.file.Files.createDirectories(tmp.resolve("card0/device"));
                java.nio.file.Files.writeString(device.resolve("vendor"), "0x1002\n");
                java.nio.file.Files.writeString(device.resolve("device"), "0x744c\n");
                java.nio.file.Files.writeString(device.resolve("mem_info_vram_total"), "\u0000\u0001garbage\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new AmdSysfsGpuSource(tmp);
        }
    }

    @Nested
    class IntelSysfs extends GpuSourceContract {
        @Override
        GpuSource seeingGpus(Path tmp) {
            return new IntelSysfsGpuSource(Fixtures.path("sysfs/intel-arc-lmem/class/drm"));
        }

        @Override
        GpuSource seeingNothing(Path tmp) {
            return new IntelSysfsGpuSource(Fixtures.path("sysfs/intel-igpu/class/drm"));
        }
    }

    @Nested
    class AppleSysctl extends GpuSourceContract {
        @Override
        GpuSource seeingGpus(Path tmp) {
            Fixtures.printing(tmp, "sysctl", "sysctl/m2-macbook-air-24gb-sysctl-hw.txt");
            return new AppleSysctlGpuSource(runner(tmp), "Mac OS X", "aarch64");
        }

        @Override
        GpuSource seeingNothing(Path tmp) {
            Fixtures.script(tmp, "sysctl", "echo 'sysctl: unknown oid hw'; exit 1");
            return new AppleSysctlGpuSource(runner(tmp), "Mac OS X", "aarch64");
        }

        @Test
        void onLinuxTheSysctlToolDoesNotMakeItAMac() {
            Fixtures.printing(tmp, "sysctl", "sysctl/m2-macbook-air-24gb-sysctl-hw.txt");
            assertThat(new AppleSysctlGpuSource(runner(tmp), "Linux", "amd64").applies()).isFalse();
        }
    }

    /** No CUDA GPU on this machine: JCuda is held to the failure half (the driver version file makes it apply). */
    @Nested
    class Jcuda extends GpuSourceFailureContract {
        @Override
        GpuSource seeingNothing(Path tmp) {
            try {
                java.nio.file.Files.createDirectories(tmp.resolve("driver/nvidia"));
                java.nio.file.Files.writeString(tmp.resolve("driver/nvidia/version"),
                        "NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.14  Thu Feb 22 01:44:30 UTC 2024\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            JcudaGpuSource source = new JcudaGpuSource("Linux", tmp, tmp.resolve("dev"));
            assertThat(source.applies()).isTrue();
            return source;
        }
    }

    @Test
    void jcudaIsNotTriedWithoutTheNvidiaKernelDriverOnLinuxButAlwaysOnWindows(@org.junit.jupiter.api.io.TempDir Path empty) {
        assertThat(new JcudaGpuSource("Linux", empty, empty).applies()).isFalse();
        assertThat(new JcudaGpuSource("Linux", empty, empty).whyNot()).startsWith("no NVIDIA driver");
        assertThat(new JcudaGpuSource("Windows 11", empty, empty).applies()).isTrue();
        assertThat(new JcudaGpuSource("Mac OS X", empty, empty).applies()).isFalse();
    }

    @Nested
    class Oshi extends GpuSourceContract {
        @Override
        GpuSource seeingGpus(Path tmp) {
            return new OshiGraphicsGpuSource(() -> List.of(new OshiGraphicsGpuSource.Card("NVIDIA GeForce RTX 3060", "NVIDIA",
                    "0x2504", 12L << 30)), () -> true);
        }

        @Override
        GpuSource seeingNothing(Path tmp) {
            return new OshiGraphicsGpuSource(() -> {
                throw new IllegalStateException("WMI query failed");
            }, () -> true);
        }
    }
}
