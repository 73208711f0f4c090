package dev.taskspace.embed;

import java.util.Locale;

/**
 * How a task's vectors are stored in {@code embeddings/TASK.npy}: float32 (exact) or float16
 * (half the bytes; each value rounded to the nearest half, as numpy's {@code astype(float16)}:
 * a relative error of at most 2^-11, about 0.05%). Readers take either; the vector cache keeps
 * float32 whatever the project stores.
 */
public enum VectorStorage {
    FLOAT32,
    FLOAT16;

    /** The name the manifest and the command line use: {@code float32}, {@code float16}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Bytes a value takes. */
    public int bytes() {
        return this == FLOAT16 ? 2 : 4;
    }

    /** The storage a manifest's {@code dtype} names; absent (older artefacts): float32. */
    public static VectorStorage of(String dtype) {
        if (dtype == null || dtype.isEmpty()) return FLOAT32;
        for (VectorStorage s : values()) if (s.label().equals(dtype)) return s;
        throw new IllegalArgumentException("unknown vector storage \"" + dtype + "\" (float32 or float16)");
    }
}
