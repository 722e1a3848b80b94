package dev.headroom.probe;

import dev.headroom.sizing.hardware.GpuInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * NVIDIA GPUs through the CUDA driver API (JCuda). Without a driver or JCuda natives, JCuda's static
 * initialiser throws {@link UnsatisfiedLinkError} once and {@link NoClassDefFoundError} ever after:
 * the first failure is caught, remembered, and reported as a reason, never as a stack trace.
 */
public final class JcudaProbe {
    private static volatile String unavailableReason;

    private JcudaProbe() {
    }

    /** The GPUs found; when none could be read, {@code reasons} receives why. */
    public static List<GpuInfo> probe(List<String> reasons) {
        if (unavailableReason != null) {
            reasons.add(unavailableReason);
            return List.of();
        }
        try {
            return CudaDriverReader.read();
        } catch (LinkageError | RuntimeException e) {
            unavailableReason = "no NVIDIA driver (JCuda: " + firstLine(e) + ")";
            reasons.add(unavailableReason);
            return List.of();
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Kept in its own class so that JCuda's classes load only when this is first called. */
    static final class CudaDriverReader {
        private CudaDriverReader() {
        }

        static List<GpuInfo> read() {
            jcuda.driver.JCudaDriver.setExceptionsEnabled(true);
            jcuda.driver.JCudaDriver.cuInit(0);
            int[] count = new int[1];
            jcuda.driver.JCudaDriver.cuDeviceGetCount(count);
            List<GpuInfo> gpus = new ArrayList<>();
            for (int i = 0; i < count[0]; i++) {
                jcuda.driver.CUdevice device = new jcuda.driver.CUdevice();
                jcuda.driver.JCudaDriver.cuDeviceGet(device, i);
                byte[] name = new byte[256];
                jcuda.driver.JCudaDriver.cuDeviceGetName(name, name.length, device);
                long[] total = new long[1];
                jcuda.driver.JCudaDriver.cuDeviceTotalMem(total, device);
                long free = GpuInfo.UNKNOWN;
                jcuda.driver.CUcontext ctx = new jcuda.driver.CUcontext();
                try {
                    jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain(ctx, device);
                    jcuda.driver.JCudaDriver.cuCtxSetCurrent(ctx);
                    long[] f = new long[1];
                    long[] t = new long[1];
                    jcuda.driver.JCudaDriver.cuMemGetInfo(f, t);
                    free = f[0];
                } finally {
                    jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease(device);
                }
                String n = new String(name, java.nio.charset.StandardCharsets.US_ASCII).trim();
                int end = n.indexOf('\0');
                int major = attribute(device, jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
                int minor = attribute(device, jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
                int sms = attribute(device, jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
                int clockKhz = attribute(device, jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE);
                int busBits = attribute(device, jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH);
                boolean integrated = attribute(device, jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_INTEGRATED) == 1;
                gpus.add(new GpuInfo(i, "NVIDIA", end < 0 ? n : n.substring(0, end), total[0], free, integrated, "jcuda",
                        major > 0 ? major + "." + minor : "", Math.max(0, sms), peakBandwidth(clockKhz, busBits), "",
                        dev.headroom.sizing.hardware.Confidence.HIGH, ""));
            }
            return gpus;
        }

        private static int attribute(jcuda.driver.CUdevice device, int attribute) {
            int[] v = new int[1];
            try {
                jcuda.driver.JCudaDriver.cuDeviceGetAttribute(v, attribute, device);
                return v[0];
            } catch (RuntimeException e) {
                return 0;
            }
        }
    }

    /**
     * Peak memory bandwidth in bytes per second from the CUDA attributes {@code MEMORY_CLOCK_RATE} (kHz) and
     * {@code GLOBAL_MEMORY_BUS_WIDTH} (bits): two transfers per clock (double data rate) × bus bytes, the
     * formula of NVIDIA's bandwidthTest sample; 0 when either is unknown. An RTX 4090 reports 10501000 kHz
     * and 384 bits: 1008.1 GB/s, its datasheet 1008 GB/s.
     */
    public static double peakBandwidth(long memoryClockKhz, int busWidthBits) {
        if (memoryClockKhz <= 0 || busWidthBits <= 0) {
            return 0;
        }
        return 2.0 * memoryClockKhz * 1000.0 * (busWidthBits / 8.0);
    }
}
