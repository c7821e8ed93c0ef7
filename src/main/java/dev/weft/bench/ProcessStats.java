package dev.weft.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * This process's memory, CPU time and page faults and the machine's load, read from Linux's
 * /proc, for benchmark reports (on a shared machine, other work inflates wall time; CPU time and
 * the load average say how much).
 */
public final class ProcessStats {
    /** Clock ticks per second of /proc/self/stat's times (USER_HZ, 100 on every Linux build). */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessStats() {
    }

    /**
     * CPU time of all this process's threads (PyTorch's included) and its minor page faults.
     *
     * @param userSeconds   time in user mode
     * @param systemSeconds time in the kernel (page faults of fresh memory land here)
     * @param minorFaults   page faults served without I/O
     */
    public record CpuUsage(double userSeconds, double systemSeconds, long minorFaults) {
        /** The usage between {@code earlier} and this one. */
        public CpuUsage minus(CpuUsage earlier) {
            return new CpuUsage(userSeconds - earlier.userSeconds, systemSeconds - earlier.systemSeconds,
                    minorFaults - earlier.minorFaults);
        }

        /** User plus system time. */
        public double totalSeconds() {
            return userSeconds + systemSeconds;
        }
    }

    /** This process's CPU usage so far; zeros where /proc is unavailable. */
    public static CpuUsage cpuUsage() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // After the command name in parentheses: state is field 3; minflt 10, utime 14, stime 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new CpuUsage(Long.parseLong(f[11]) / TICKS_PER_SECOND, Long.parseLong(f[12]) / TICKS_PER_SECOND,
                    Long.parseLong(f[7]));
        } catch (IOException | RuntimeException e) {
            return new CpuUsage(0, 0, 0);
        }
    }

    /** Peak resident memory so far (VmHWM), in bytes; -1 where /proc is unavailable. */
    public static long peakResidentBytes() {
        return statusKilobytes("VmHWM") * 1024;
    }

    /** Current resident memory (VmRSS), in bytes; -1 where /proc is unavailable. */
    public static long residentBytes() {
        return statusKilobytes("VmRSS") * 1024;
    }

    /**
     * The native allocator settings this process started with: libtorch's
     * {@code THP_MEM_ALLOC_ENABLE} and glibc's {@code MALLOC_*} variables, as {@code NAME=value}
     * pairs in name order, or "default allocator settings" when none is set.
     */
    public static String allocatorSettings() {
        String set = System.getenv().entrySet().stream()
                .filter(e -> e.getKey().equals("THP_MEM_ALLOC_ENABLE") || e.getKey().startsWith("MALLOC_"))
                .map(e -> e.getKey() + "=" + e.getValue())
                .sorted()
                .collect(Collectors.joining(" "));
        return set.isEmpty() ? "default allocator settings" : set;
    }

    /** The 1, 5 and 15 minute load averages as /proc/loadavg prints them. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).strip().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static long statusKilobytes(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
