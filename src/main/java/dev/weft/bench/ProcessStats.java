package dev.weft.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's memory and the machine's load, read from Linux's /proc, for benchmark reports. */
public final class ProcessStats {
    private ProcessStats() {
    }

    /** Peak resident memory so far (VmHWM), in bytes; -1 where /proc is unavailable. */
    public static long peakResidentBytes() {
        return statusKilobytes("VmHWM") * 1024;
    }

    /** Current resident memory (VmRSS), in bytes; -1 where /proc is unavailable. */
    public static long residentBytes() {
        return statusKilobytes("VmRSS") * 1024;
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
