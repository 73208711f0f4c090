package dev.taskspace.embed.onnx;

import java.nio.file.Path;

/**
 * Where the native libraries inside taskspace's jars are unpacked. By default DJL's tokenizer
 * unpacks into {@code ~/.djl.ai} and JNA into {@code ~/.cache/JNA}; taskspace sends both into
 * its own cache folder instead, unless the user chose a place ({@code DJL_CACHE_DIR},
 * {@code jna.tmpdir}). ONNX Runtime unpacks into the system temporary folder and removes its
 * files on exit.
 */
public final class NativeLibraries {
    private NativeLibraries() {}

    /** Sends native unpacking into {@code <cacheDir>/native}; call before the first model loads. */
    public static synchronized void unpackInto(Path cacheDir) {
        Path nativeDir = cacheDir.toAbsolutePath().resolve("native");
        if (System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", nativeDir.resolve("djl").toString());
        }
        if (System.getProperty("jna.tmpdir") == null) {
            System.setProperty("jna.tmpdir", nativeDir.resolve("jna").toString());
        }
    }
}
