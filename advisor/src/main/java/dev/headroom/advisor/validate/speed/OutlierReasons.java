package dev.headroom.advisor.validate.speed;

import dev.headroom.sizing.speed.DeviceClass;

/** Why a row is far from its prediction, from what the row itself records. */
final class OutlierReasons {
    private OutlierReasons() {
    }

    static String reason(SpeedAccuracyReport.Scored s) {
        LlamaBenchRow r = s.row();
        if (!s.predictedAtAll()) {
            if (s.deviceClass() == DeviceClass.CPU && !r.generation()) {
                return "CPU prompt processing: the catalog has no CPU compute figure";
            }
            return "no bandwidth/compute figures for this device in accelerators.csv";
        }
        if (r.notes().contains("nkvo=1")) {
            return "KV cache kept in host RAM (nkvo=1): every token reads it over PCIe, which the model does not assume";
        }
        if (!r.generation() && r.devices() > 1) {
            return "multi-GPU prompt processing of llama.cpp main (early 2024, row split): partial results crossed PCIe per matrix";
        }
        if (!r.generation() && r.quant().equals("F16") && s.error() > 0) {
            return "F16 prompt rows of that build are known to be slow (validation README: some ~10x low)";
        }
        if (r.generation() && r.devices() > 1) {
            return "multi-GPU decode: per-layer sync cost varies with PCIe topology, one constant per class";
        }
        if (s.deviceClass() == DeviceClass.CPU) {
            return "CPU row: bandwidth share of the SoC is a class default; calibration replaces it";
        }
        if (!r.generation()) {
            return "prompt processing moved most between llama.cpp builds (validation README)";
        }
        return "model error: fixed per-layer cost differs on this device/build";
    }
}
