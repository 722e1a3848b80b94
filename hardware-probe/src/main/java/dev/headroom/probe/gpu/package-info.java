/**
 * GPU sources, layered: JCuda (CUDA driver API) → nvidia-smi → rocm-smi → amdgpu sysfs → Intel sysfs →
 * Apple sysctl → OSHI graphics cards. Each source is a {@link dev.headroom.probe.gpu.GpuSource}; its
 * parser is a pure function over captured text, tested against real outputs; {@link
 * dev.headroom.probe.gpu.GpuLayering} keeps, per vendor, the readings of the most trustworthy source.
 */
package dev.headroom.probe.gpu;
