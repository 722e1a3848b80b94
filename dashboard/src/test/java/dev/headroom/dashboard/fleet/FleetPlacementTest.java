package dev.headroom.dashboard.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetPlacementTest {
    private static final long GIB = 1L << 30;

    static FleetHost host(String name, long... freeGib) {
        List<FleetGpu> gpus = new ArrayList<>();
        for (int i = 0; i < freeGib.length; i++) {
            gpus.add(new FleetGpu(i, "NVIDIA", "NVIDIA H100 80GB HBM3", 80 * GIB, (80 - freeGib[i]) * GIB, Double.NaN, Double.NaN));
        }
        return new FleetHost("headroom", name + ":9464", name, "Linux", -1, gpus);
    }

    @Test
    void aTensorParallelGroupStaysInsideOneHost() {
        // Three free GPUs on each of two hosts: six free GPUs, but a TP 4 replica fits on neither.
        Fleet fleet = new Fleet(List.of(host("a", 80, 80, 80, 1), host("b", 80, 80, 80, 1)));
        FleetPlacement.Result r = FleetPlacement.place(fleet, ReplicaShape.vllm(4, 0.9, ""), 0);
        assertThat(r.capacity()).isZero();
        assertThat(r.hosts().get(0).reason()).isEqualTo("needs 4 GPUs of one kind with 72.0 GiB free; 3 of 4 qualify (most free: 80.0 GiB)");
        assertThat(FleetPlacement.place(fleet, ReplicaShape.vllm(2, 0.9, ""), 0).capacity()).isEqualTo(2);
    }

    @Test
    void gpusWithRoomForSeveralShardsAreSharedBetweenReplicasButNeverTwiceByOne() {
        // Shards per GPU 3, 1, 1 (20 GiB each): TP 2 holds 2 replicas, not 5 / 2 rounded down and not 3.
        Fleet fleet = new Fleet(List.of(host("a", 60, 20, 20)));
        FleetPlacement.Result r = FleetPlacement.place(fleet, ReplicaShape.bytes(2, 20 * GIB, "h100"), 0);
        assertThat(r.capacity()).isEqualTo(2);
        assertThat(r.placement()).allSatisfy(p -> assertThat(p.gpus()).hasSize(2).doesNotHaveDuplicates().contains(0));
    }

    @Test
    void replicasGoToTheRoomiestHostsFirst() {
        Fleet fleet = new Fleet(List.of(host("small", 80, 0), host("big", 80, 80, 80, 80)));
        FleetPlacement.Result r = FleetPlacement.place(fleet, ReplicaShape.vllm(1, 0.9, ""), 3);
        assertThat(r.capacity()).isEqualTo(5);
        assertThat(r.placement()).hasSize(3).allSatisfy(p -> assertThat(p.hostName()).isEqualTo("big"));
        assertThat(r.hostsUsed()).isEqualTo(1);
    }

    @Test
    void aReplicaNeedsEitherBytesOrAShare() {
        assertThatThrownBy(() -> new ReplicaShape(1, 10, 0.5, "")).hasMessageStartingWith("replica: give either");
        assertThatThrownBy(() -> new ReplicaShape(0, 10, 0, "")).hasMessageStartingWith("gpus: ");
        assertThat(new Fleet(List.of(new FleetHost("j", "i", "cpu-only", "Linux", 1, List.of()))).hosts().get(0).gpus()).isEmpty();
        assertThat(FleetPlacement.place(new Fleet(List.of(new FleetHost("j", "i", "cpu-only", "Linux", 1, List.of()))),
                ReplicaShape.vllm(1, 0.9, ""), 0).hosts().get(0).reason()).isEqualTo("no GPUs");
    }
}
