package dev.weft.engine.tensor;

import java.util.Locale;

/** Element types a safetensors file may declare, with their size in bytes. */
public enum DType {
    F64("F64", 8),
    F32("F32", 4),
    F16("F16", 2),
    BF16("BF16", 2),
    F8_E4M3("F8_E4M3", 1),
    F8_E5M2("F8_E5M2", 1),
    I64("I64", 8),
    I32("I32", 4),
    I16("I16", 2),
    I8("I8", 1),
    U8("U8", 1),
    BOOL("BOOL", 1);

    private final String code;
    private final int bytes;

    DType(String code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    /** The name safetensors headers use, e.g. {@code "F16"}. */
    public String code() {
        return code;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** True for the floating-point types that Weft widens to fp32 on load. */
    public boolean isFloat() {
        return this == F64 || this == F32 || this == F16 || this == BF16 || this == F8_E4M3 || this == F8_E5M2;
    }

    /**
     * Parses a safetensors dtype code.
     *
     * @throws IllegalArgumentException naming the code and the supported ones
     */
    public static DType fromCode(String code) {
        for (DType t : values()) {
            if (t.code.equals(code.toUpperCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown dtype '" + code + "' (supported: F64, F32, F16, BF16, "
                + "F8_E4M3, F8_E5M2, I64, I32, I16, I8, U8, BOOL)");
    }
}
